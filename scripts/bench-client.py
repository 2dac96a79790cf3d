"""The HTTP steps of scripts/bench that need more than curl: sign-up, the page's sign-in with its CSRF token, an API
token from the tokens page, seeding files. Standard library only. Cookies (the session and the CSRF token's) are
handled by hand: in the aws profile they are Secure, which a cookie jar would not send over the benchmark's plain
http://127.0.0.1.

    bench-client.py seed BASE USERS FILES OUT   writes OUT, shell variables for scripts/bench
"""

import base64
import http.client
import json
import re
import shlex
import sys
import urllib.parse

PASSWORD = "correct horse battery staple"


class Http:
    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port

    def call(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            connection.close()


def with_cookies(cookie, headers):
    """The Cookie header after a response: `cookie` updated by its Set-Cookie headers (an empty value removes one)."""
    jar = dict(part.split("=", 1) for part in (cookie or "").split("; ") if "=" in part)
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.split(";", 1)[0].partition("=")
            if rest:
                jar[key] = rest
            else:
                jar.pop(key, None)
    return "; ".join(f"{key}={value}" for key, value in jar.items())


def expect(status, wanted, what, body=b""):
    if status not in wanted:
        raise SystemExit(f"bench-client: {what} answered {status}: {body[:300]!r}")


def sign_up(web, email, number):
    """Each tenth account as if from another client (a documentation address, RFC 5737, only named in the header the
    load balancer sets): the sign-up throttle allows 10 per address, and the benchmark seeds up to 50."""
    body = json.dumps({"email": email, "password": PASSWORD}).encode()
    headers = {"Content-Type": "application/json", "X-Forwarded-For": f"192.0.2.{number // 10 + 1}"}
    status, _, answer = web.call("POST", "/api/accounts", body, headers)
    expect(status, (201,), f"sign-up of {email}", answer)


def csrf_of(page):
    match = re.search(rb'name="_csrf"[^>]*value="([^"]+)"', page) or re.search(
        rb'value="([^"]+)"[^>]*name="_csrf"', page)
    return match.group(1).decode() if match else None


def sign_in(web, email):
    """The browser's way: GET /login for the CSRF token (and its cookie), POST the form; returns the Cookie header."""
    status, headers, page = web.call("GET", "/login")
    expect(status, (200,), "GET /login", page)
    cookie, csrf = with_cookies("", headers), csrf_of(page)
    form = urllib.parse.urlencode({"email": email, "password": PASSWORD, "_csrf": csrf or ""}).encode()
    request_headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        request_headers["Cookie"] = cookie
    status, headers, answer = web.call("POST", "/login", form, request_headers)
    location = dict((k.lower(), v) for k, v in headers).get("location", "")
    if status != 302 or "error" in location:
        raise SystemExit(f"bench-client: sign-in of {email} answered {status} {location} {answer[:200]!r}")
    return with_cookies(cookie, headers)


def api_token(web, cookie):
    """A personal access token from the tokens page, or None where the application has no such page yet."""
    status, headers, page = web.call("GET", "/tokens", headers={"Cookie": cookie})
    if status != 200:
        return None
    cookie = with_cookies(cookie, headers)
    form = urllib.parse.urlencode({"name": "benchmark", "_csrf": csrf_of(page) or ""}).encode()
    status, _, page = web.call(
        "POST", "/tokens", form, {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    expect(status, (200,), "POST /tokens", page)
    match = re.search(rb'id="token-value"[^>]*>([^<]+)<', page)
    if not match:
        raise SystemExit("bench-client: the tokens page showed no token value")
    return match.group(1).decode().strip()


def upload(web, authorization, name, content):
    status, _, answer = web.call(
        "PUT", "/api/files?name=" + urllib.parse.quote(name), content,
        {"Authorization": authorization, "Content-Type": "text/plain", "Content-Length": str(len(content))})
    expect(status, (201,), f"upload of {name}", answer)
    return json.loads(answer)["id"]


def page_attributes(web, cookie):
    """From the files page: the stylesheet's path (fingerprinted or not), the CSRF header and token, the cookies."""
    status, headers, page = web.call("GET", "/files", headers={"Cookie": cookie})
    expect(status, (200,), "GET /files signed in", page)
    css = re.search(rb'<link[^>]+href="([^"]+\.css[^"]*)"', page)
    header = re.search(rb'data-csrf-header="([^"]+)"', page)
    token = re.search(rb'data-csrf-token="([^"]+)"', page)
    return (css.group(1).decode() if css else "/css/app.css",
            header.group(1).decode() if header else "X-CSRF-TOKEN",
            token.group(1).decode() if token else "",
            with_cookies(cookie, headers))


def seed(base, users, files, out):
    web = Http(base)
    emails = [f"bench{i}@example.com" for i in range(users)]
    for number, email in enumerate(emails):
        sign_up(web, email, number)
    cookies = [sign_in(web, email) for email in emails]
    token = api_token(web, cookies[0])
    basic = "Basic " + base64.b64encode(f"{emails[0]}:{PASSWORD}".encode()).decode()
    authorization = f"Bearer {token}" if token else basic
    for i in range(files):
        upload(web, authorization, f"note-{i:03d}.txt", f"file {i} of the benchmark\n".encode())
    download_id = upload(web, authorization, "ten-kib.bin", bytes(range(256)) * 40)
    css, csrf_header, csrf_token, cookies[0] = page_attributes(web, cookies[0])
    values = {
        "SEED_EMAIL": emails[0],
        "SEED_PASSWORD": PASSWORD,
        "SEED_AUTH": authorization,
        "SEED_AUTH_KIND": "Bearer token" if token else "HTTP Basic (no token page yet)",
        "SEED_BASIC": basic,
        "SEED_DOWNLOAD": f"/files/{download_id}/download",
        "SEED_CSS": css,
        "SEED_CSRF_HEADER": csrf_header,
        "SEED_CSRF_TOKEN": csrf_token,
    }
    with open(out, "w") as target:
        for name, value in values.items():
            target.write(f"{name}={shlex.quote(value)}\n")
        target.write("SEED_COOKIES=(" + " ".join(shlex.quote(c) for c in cookies) + ")\n")


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "seed":
        seed(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        raise SystemExit(__doc__)
