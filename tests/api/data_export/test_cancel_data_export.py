"""cancelDataExport: pending and running jobs stop; finished ones keep their status."""

from __future__ import annotations

from sqlalchemy import func, select

from backchannel.db.tables import JobOutput
from backchannel.jobs import JobRunner
from backchannel.resources.data_export.service import KIND, run_export
from tests.conftest import START, assert_error


def test_cancel_data_export_pending(api, export, run_jobs):
    job = export(START - 100, START)
    response = api.post(f"/export/cancel/{job['job_identifier']}")
    assert response.status_code == 200, response.text
    assert response.json() == {**job, "status": "canceled"}
    assert run_jobs() == []
    assert api.get(f"/export/content/data/{job['job_identifier']}").json()["status"] == "canceled"
    # No longer active: another export may start.
    assert export(START - 100, START)["status"] == "pending"


def test_cancel_data_export_without_body_or_content_type(api, export):
    job = export(START - 100, START)
    response = api.post(f"/export/cancel/{job['job_identifier']}", content=b"")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "canceled"


def test_cancel_data_export_running_job_stops(api, runtime, export, start, contact):
    start(contact)
    job = export(START, START)
    identifier = job["job_identifier"]

    def cancel_then_export(context):
        # The client cancels while the export runs; the export notices at its next batch.
        assert api.post(f"/export/cancel/{identifier}").json()["status"] == "canceled"
        return run_export(context)

    runner = JobRunner(runtime.engine, clock=runtime.clock, handlers={KIND: cancel_then_export})
    [run] = runner.run_pending()
    assert run.status == "canceled"
    assert api.get(f"/export/content/data/{identifier}").json()["status"] == "canceled"
    assert_error(api.get(f"/download/content/data/{identifier}"), 404, "not_found")
    with runtime.sessions() as db:
        assert db.execute(select(func.count()).select_from(JobOutput)).scalar_one() == 0


def test_cancel_data_export_completed_stays_completed(
    api, export, run_jobs, download, start, contact
):
    start(contact)
    job = export(START, START)
    run_jobs()
    response = api.post(f"/export/cancel/{job['job_identifier']}")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "completed"
    assert response.json()["download_url"].endswith(job["job_identifier"])
    assert len(download(job["job_identifier"])) == 1


def test_cancel_data_export_unknown(api):
    assert_error(api.post("/export/cancel/nosuchjob"), 404, "not_found", "Job Not Found")
