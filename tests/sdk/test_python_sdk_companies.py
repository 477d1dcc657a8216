"""The official python-intercom SDK's companies client, unchanged but for its base URL."""

from __future__ import annotations

import pytest
from intercom.core.api_error import ApiError

pytestmark = pytest.mark.sdk


def test_sdk_create_find_and_attach_company(client):
    created = client.companies.create_or_update(
        request={
            "company_id": "sdk-acme",
            "name": "Acme",
            "plan": "Pro",
            "monthly_spend": 155.98,
            "remote_created_at": 1374138000,
        }
    )
    assert created.type == "company"
    assert created.company_id == "sdk-acme"
    assert created.plan is not None and created.plan.name == "Pro"
    assert created.monthly_spend == 155
    assert created.user_count == 0

    found = client.companies.find(created.id)
    assert found.id == created.id and found.name == "Acme"
    by_company_id = client.companies.retrieve(company_id="sdk-acme")
    assert by_company_id.type == "company"
    assert by_company_id.id == created.id

    contact = client.contacts.create(request={"email": "sdk-company@example.com"})
    attached = client.companies.attach_contact(contact_id=contact.id, company_id=created.id)
    assert attached.id == created.id
    assert attached.user_count == 1
    companies = list(client.contacts.list_attached_companies(contact.id))
    assert [c.id for c in companies] == [created.id]

    detached = client.companies.detach_contact(contact.id, created.id)
    assert detached.user_count == 0


def test_sdk_lists_every_company_across_pages(client):
    contact = client.contacts.create(request={"email": "sdk-company-pages@example.com"})
    made = set()
    for n in range(7):
        company = client.companies.create_or_update(request={"company_id": f"sdk-page-{n}"})
        client.companies.attach_contact(contact_id=contact.id, company_id=company.id)
        made.add(company.id)
    seen = [company.id for company in client.companies.list(per_page=3)]
    assert len(seen) == len(set(seen))
    assert made <= set(seen)


def test_sdk_scrolls_over_every_company(client):
    contact = client.contacts.create(request={"email": "sdk-company-scroll@example.com"})
    made = set()
    for n in range(3):
        company = client.companies.create_or_update(request={"company_id": f"sdk-scroll-{n}"})
        client.companies.attach_contact(contact_id=contact.id, company_id=company.id)
        made.add(company.id)
    seen = [company.id for company in client.companies.scroll()]
    assert len(seen) == len(set(seen))
    assert made <= set(seen)


def test_sdk_unknown_company_is_404(client):
    with pytest.raises(ApiError) as raised:
        client.companies.find("0123456789abcdef01234567")
    assert raised.value.status_code == 404
    assert raised.value.body["errors"][0]["code"] == "company_not_found"
