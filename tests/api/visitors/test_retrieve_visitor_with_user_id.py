"""retrieveVisitorWithUserId: GET /visitors?user_id=…"""

from __future__ import annotations

import uuid

from backchannel.resources.visitors.service import pseudonym
from tests.conftest import START, assert_error


def test_retrieve_visitor_with_user_id(api, visitor, workspace):
    response = api.get("/visitors", params={"user_id": visitor.user_id})
    assert response.status_code == 200
    body = response.json()
    assert uuid.UUID(body["user_id"]).version == 4
    assert len(body["id"]) == 24 and int(body["id"][:8], 16) == START
    assert body == {
        "type": "visitor",
        "id": visitor.id,
        "user_id": visitor.user_id,
        "anonymous": True,
        "email": "",
        "phone": None,
        "name": None,
        "pseudonym": visitor.pseudonym,
        "avatar": {"type": "avatar", "image_url": None},
        "app_id": workspace.workspace.id_code,
        "companies": {"type": "company.list", "companies": []},
        "location_data": {},
        "last_request_at": None,
        "created_at": START,
        "remote_created_at": START,
        "signed_up_at": START,
        "updated_at": START,
        "session_count": 0,
        "social_profiles": {"type": "social_profile.list", "social_profiles": []},
        "owner_id": None,
        "unsubscribed_from_emails": False,
        "marked_email_as_spam": False,
        "has_hard_bounced": False,
        "tags": {"type": "tag.list", "tags": []},
        "segments": {"type": "segment.list", "segments": []},
        "custom_attributes": {},
        "referrer": None,
        "utm_campaign": None,
        "utm_content": None,
        "utm_medium": None,
        "utm_source": None,
        "utm_term": None,
        "do_not_track": None,
    }
    assert "las_request_at" not in body


def test_retrieve_visitor_with_details(api, make_visitor):
    made = make_visitor(
        name="Gareth Bale",
        email="gareth@x.test",
        phone="+44",
        owner_id=991267785,
        last_request_at=START + 5,
        location={"city_name": "Dublin", "country_code": "IRL"},
        utm={"utm_source": "Intercom"},
        referrer="https://www.google.com/",
    )
    body = api.get("/visitors", params={"user_id": made.user_id}).json()
    assert body["anonymous"] is False
    assert body["email"] == "gareth@x.test" and body["name"] == "Gareth Bale"
    assert body["owner_id"] == "991267785"
    assert body["last_request_at"] == START + 5
    assert body["location_data"] == {
        "type": "location_data",
        "city_name": "Dublin",
        "country_code": "IRL",
    }
    assert body["utm_source"] == "Intercom" and body["utm_term"] is None
    assert body["referrer"] == "https://www.google.com/"


def test_retrieve_visitor_pseudonyms_are_repeatable(api, make_visitor):
    first, second = make_visitor(), make_visitor()
    assert first.pseudonym and " " in first.pseudonym
    assert pseudonym(first.id) == first.pseudonym and pseudonym(second.id) == second.pseudonym


def test_retrieve_visitor_not_found(api, visitor):
    assert_error(
        api.get("/visitors", params={"user_id": "fail"}), 404, "not_found", "Visitor Not Found"
    )


def test_retrieve_visitor_user_id_required(api):
    assert_error(
        api.get("/visitors"), 400, "parameter_not_found", "user_id is a required parameter."
    )


def test_retrieve_visitor_of_another_workspace(api, visitor, other_headers):
    assert_error(
        api.get("/visitors", params={"user_id": visitor.user_id}, headers=other_headers),
        404,
        "not_found",
        "Visitor Not Found",
    )


def test_retrieve_visitor_is_not_a_contact(api, visitor):
    assert api.get("/contacts").json()["total_count"] == 0
    search = api.post(
        "/contacts/search", json={"query": {"field": "id", "operator": "=", "value": visitor.id}}
    ).json()
    assert search["total_count"] == 0
    assert_error(api.get(f"/contacts/{visitor.id}"), 404, "not_found", "User Not Found")


def test_retrieve_visitor_unauthorized(anonymous):
    assert_error(
        anonymous.get("/visitors", params={"user_id": "x"}),
        401,
        "unauthorized",
        "Access Token Invalid",
    )
