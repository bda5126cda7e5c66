"""Moving data in and out: JSON export and import (checked first), CSV, delete-all."""
