"""downloadDataExport: only completed jobs have a file, for two days."""

from __future__ import annotations

from tests.conftest import START, assert_error

TWO_DAYS = 2 * 24 * 60 * 60


def test_download_data_export_not_ready(api, export):
    job = export(START - 100, START)
    response = api.get(
        f"/download/content/data/{job['job_identifier']}",
        headers={"Accept": "application/octet-stream"},
    )
    assert_error(response, 404, "not_found", "Export data is not available: the job is pending")


def test_download_data_export_no_data(api, export, run_jobs):
    job = export(START - 100, START)
    [run] = run_jobs()
    assert run.status == "no_data"
    found = api.get(f"/export/content/data/{job['job_identifier']}").json()
    assert found == {**job, "status": "no_data"}
    response = api.get(f"/download/content/data/{job['job_identifier']}")
    assert_error(response, 404, "not_found", "Export data is not available: the job is no_data")


def test_download_data_export_expires_after_two_days(
    api, export, run_jobs, runner, download, clock, start, contact
):
    start(contact)
    job = export(START, START)
    run_jobs()
    identifier = job["job_identifier"]
    clock.advance(TWO_DAYS)
    assert len(download(identifier)) == 1  # the last second still serves it
    clock.advance(1)
    assert_error(
        api.get(f"/download/content/data/{identifier}"), 404, "not_found", "Export data has expired"
    )
    assert runner.purge_expired() == 1
    assert_error(api.get(f"/download/content/data/{identifier}"), 404, "not_found")
    found = api.get(f"/export/content/data/{identifier}").json()
    assert found["status"] == "completed"
    assert found["download_expires_at"] == str(START + TWO_DAYS)


def test_download_data_export_ignores_json_accept(api, export, run_jobs, start, contact):
    start(contact)
    job = export(START, START)
    run_jobs()
    response = api.get(
        f"/download/content/data/{job['job_identifier']}", headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.content[:2] == b"\x1f\x8b"  # gzip magic
    assert response.headers["content-disposition"] == (
        f'attachment; filename="{job["job_identifier"]}.csv.gz"'
    )


def test_download_data_export_unknown(api):
    assert_error(api.get("/download/content/data/nosuchjob"), 404, "not_found", "Job Not Found")
