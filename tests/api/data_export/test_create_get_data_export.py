"""createDataExport and getDataExport: the job object, one active job per workspace."""

from __future__ import annotations

from tests.conftest import START, assert_error

TWO_DAYS = 2 * 24 * 60 * 60


def test_create_data_export_pending(api, export):
    job = export(START - 3600, START)
    assert job["status"] == "pending"
    assert len(job["job_identifier"]) == 16 and job["job_identifier"].isalnum()
    assert job == {
        "job_identifier": job["job_identifier"],
        "status": "pending",
        "download_url": "",
        "download_expires_at": "",
    }
    assert api.get(f"/export/content/data/{job['job_identifier']}").json() == job


def test_get_data_export_completed(api, export, run_jobs, start, contact, clock):
    start(contact)
    job = export(START, START)
    clock.advance(60)
    [run] = run_jobs()
    assert (run.identifier, run.status) == (job["job_identifier"], "completed")
    found = api.get(f"/export/content/data/{job['job_identifier']}").json()
    assert found == {
        "job_identifier": job["job_identifier"],
        "status": "completed",
        "download_url": f"http://testserver/download/content/data/{job['job_identifier']}",
        "download_expires_at": str(START + 60 + TWO_DAYS),
    }


def test_create_data_export_second_active_job_rate_limited(api, export, runner):
    export(START - 100, START)
    response = api.post(
        "/export/content/data", json={"created_at_after": START, "created_at_before": START}
    )
    assert_error(
        response,
        429,
        "rate_limit_exceeded",
        "Exceeded rate limit of 1 pending message data export jobs",
    )
    assert runner.claim() is not None  # in progress: still active
    response = api.post(
        "/export/content/data", json={"created_at_after": START, "created_at_before": START}
    )
    assert_error(response, 429, "rate_limit_exceeded")


def test_create_data_export_after_the_active_one_finished(export, run_jobs):
    first = export(START - 100, START)
    run_jobs()
    second = export(START - 100, START)
    assert second["status"] == "pending"
    assert second["job_identifier"] != first["job_identifier"]


def test_create_data_export_missing_window(api):
    response = api.post("/export/content/data", json={"created_at_after": START})
    assert_error(response, 400, "parameter_not_found", "created_at_before is a required parameter.")


def test_create_data_export_reversed_window(api):
    response = api.post(
        "/export/content/data", json={"created_at_after": START + 1, "created_at_before": START}
    )
    assert_error(response, 400, "parameter_invalid")


def test_create_data_export_not_a_timestamp(api):
    response = api.post(
        "/export/content/data", json={"created_at_after": "yesterday", "created_at_before": START}
    )
    assert_error(response, 400, "parameter_invalid")


def test_get_data_export_unknown(api):
    assert_error(api.get("/export/content/data/nosuchjob"), 404, "not_found", "Job Not Found")


def test_data_export_of_another_workspace(api, app, export, other_workspace):
    from tests.conftest import contract_client

    job = export(START - 100, START)
    identifier = job["job_identifier"]
    with contract_client(app) as other:
        other.headers["Authorization"] = f"Bearer {other_workspace.token}"
        assert_error(other.get(f"/export/content/data/{identifier}"), 404, "not_found")
        assert_error(other.post(f"/export/cancel/{identifier}"), 404, "not_found")
        assert_error(other.get(f"/download/content/data/{identifier}"), 404, "not_found")
        # The limit of one active job is per workspace.
        response = other.post(
            "/export/content/data", json={"created_at_after": START, "created_at_before": START}
        )
        assert response.status_code == 200, response.text
    assert api.get(f"/export/content/data/{identifier}").json()["status"] == "pending"
