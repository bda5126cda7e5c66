<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English singular and plural forms of the texts that pass a count (%n); every other text
     is shown as written. tests/ui/test_plurals.py checks this file against the source and
     the .qm beside it; after a change: pyside6-lrelease resources/i18n/liptwitch_en.ts -->
<TS version="2.1" language="en">
<context>
    <name>DataActions</name>
    <message numerus="yes">
        <source>%n added</source>
        <translation>
            <numerusform>%n added</numerusform>
            <numerusform>%n added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) exported to:
%2</source>
        <translation>
            <numerusform>%n entry exported to:
%2</numerusform>
            <numerusform>%n entries exported to:
%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n setting(s) changed.</source>
        <translation>
            <numerusform>%n setting changed.</numerusform>
            <numerusform>%n settings changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already in your log (skipped)</source>
        <translation>
            <numerusform>, %n already in your log (skipped)</numerusform>
            <numerusform>, %n already in your log (skipped)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file held %n entry(s):</source>
        <translation>
            <numerusform>The file held %n entry:</numerusform>
            <numerusform>The file held %n entries:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExperimentPage</name>
    <message numerus="yes">
        <source>{label}, %n week(s) from {day}: {answer}</source>
        <translation>
            <numerusform>{label}, %n week from {day}: {answer}</numerusform>
            <numerusform>{label}, %n weeks from {day}: {answer}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{label}: %n week(s) from {day}</source>
        <translation>
            <numerusform>{label}: %n week from {day}</numerusform>
            <numerusform>{label}: %n weeks from {day}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogController</name>
    <message numerus="yes">
        <source>Delete %n entry(s)</source>
        <translation>
            <numerusform>Delete %n entry</numerusform>
            <numerusform>Delete %n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LogPage</name>
    <message numerus="yes">
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n entry(s)</source>
        <translation>
            <numerusform>Deleted %n entry</numerusform>
            <numerusform>Deleted %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entry(s) to %1</source>
        <translation>
            <numerusform>Exported %n entry to %1</numerusform>
            <numerusform>Exported %n entries to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemindersTools</name>
    <message numerus="yes">
        <source>Saved %n reminder(s) to %1.</source>
        <translation>
            <numerusform>Saved %n reminder to %1.</numerusform>
            <numerusform>Saved %n reminders to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message numerus="yes">
        <source>%n week(s)</source>
        <translation>
            <numerusform>%n week</numerusform>
            <numerusform>%n weeks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message numerus="yes">
        <source>%n twitch(es) today</source>
        <translation>
            <numerusform>%n twitch today</numerusform>
            <numerusform>%n twitches today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sleep last night: %n hour(s)</source>
        <translation>
            <numerusform>Sleep last night: %n hour</numerusform>
            <numerusform>Sleep last night: %n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrendsHours</name>
    <message numerus="yes">
        <source>Twitches per hour of day over %n day(s) (solid: weekdays; hatched: weekends)</source>
        <translation>
            <numerusform>Twitches per hour of day over %n day (solid: weekdays; hatched: weekends)</numerusform>
            <numerusform>Twitches per hour of day over %n days (solid: weekdays; hatched: weekends)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Weekdays (%n day(s))</source>
        <translation>
            <numerusform>Weekdays (%n day)</numerusform>
            <numerusform>Weekdays (%n days)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Weekends (%n day(s))</source>
        <translation>
            <numerusform>Weekends (%n day)</numerusform>
            <numerusform>Weekends (%n days)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrendsPage</name>
    <message numerus="yes">
        <source>%n day(s) saved to %1</source>
        <translation>
            <numerusform>%n day saved to %1</numerusform>
            <numerusform>%n days saved to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n twitch(es)</source>
        <translation>
            <numerusform>%n twitch</numerusform>
            <numerusform>%n twitches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TriageWizard</name>
    <message numerus="yes">
        <source>From %n logged day(s) of the last 7: about %1 mg a day. That is not enough for a weekly average, so it is not filled in: enter a usual day.</source>
        <translation>
            <numerusform>From %n logged day of the last 7: about %1 mg. That is not enough for a weekly average, so it is not filled in: enter a usual day.</numerusform>
            <numerusform>From %n logged days of the last 7: about %1 mg a day. That is not enough for a weekly average, so it is not filled in: enter a usual day.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>From %n logged night(s) of the last 7: %1 hours. That is not enough for a weekly average, so it is not filled in.</source>
        <translation>
            <numerusform>From %n logged night of the last 7: %1 hours. That is not enough for a weekly average, so it is not filled in.</numerusform>
            <numerusform>From %n logged nights of the last 7: %1 hours. That is not enough for a weekly average, so it is not filled in.</numerusform>
        </translation>
    </message>
</context>
</TS>
