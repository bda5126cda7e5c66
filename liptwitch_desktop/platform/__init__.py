"""The operating system around the app: folders, the log file, one instance, signals,
autostart. No widgets."""
