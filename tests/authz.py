"""The outcome check shared by the authorization tables."""

CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def changing_rules(app, *endpoint_prefixes: str) -> set[str]:
    """The rules of the routes that change state (of the endpoints with these prefixes)."""
    return {rule.rule for rule in app.url_map.iter_rules() if rule.methods & CHANGING
            and rule.endpoint.startswith(endpoint_prefixes or ("",))}


def check_outcome(response, outcome) -> None:
    """"login": sent to sign in; 403/404: refused; "ok": the action ran or its form
    answered (and did not bounce to the sign-in page)."""
    if outcome == "login":
        assert response.status_code == 302
        assert "/account/login" in response.headers["Location"]
    elif outcome == "enrol":  # staff without two-factor: sent to set it up, nothing done
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/account/two-factor")
    elif outcome in (403, 404):
        assert response.status_code == outcome
    else:
        assert response.status_code in (200, 302), response.status_code
        assert "/account/login?next" not in response.headers.get("Location", "")


def fill(template, ids: dict):
    """A table's URL or form value with the fixture's ids put in ("{org}" → "3")."""
    return template.format(**ids) if isinstance(template, str) else template


def check_row(client, auth, people, row, actor, state, *, changes=True, files=None,
              **post) -> None:
    """Post a table row as `actor` and check its outcome: an allowed action changes what
    `state()` reads (unless `changes` is False: a route that only answers), a refused one
    changes nothing. `files` are added to the form (uploads cannot be reused)."""
    url, data, expected = row
    if actor != "anonymous":
        auth.login_as(people[actor])
    ids = people.get("ids", {})
    form = {key: fill(value, ids) for key, value in data.items()}
    form.update(files or {})
    before = state()
    response = client.post(fill(url, ids), data=form, **post)
    outcome = expected[actor]
    check_outcome(response, outcome)
    if outcome != "ok":
        assert state() == before, "a refused actor changed something"
    elif changes:
        assert state() != before, "the action did not run"
