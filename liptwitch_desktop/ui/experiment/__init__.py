"""Find out for sure (issue 17): start a self-experiment, follow it, read its answer.

`page` (the Experiment page: plan, today, pause / extend / stop, results, history),
`start_dialog` (pick a change and a length, see the plan and why it is built so), `strip`
(the plan as a calendar strip), `chart` (the results picture, pyqtgraph, imported when a
result is first shown), `card` (Today's line), `test_links` ("Test this" beside a trend
factor or a ranked cause). Widgets never write: ExperimentController does.
"""
