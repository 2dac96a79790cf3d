#!/usr/bin/env python3
"""The rehearsal's helper (scripts/rehearsal.sh calls it; standard library only).

  task TEMPLATE                 what the prod template says about the task, the target group and the listeners,
                                as shell assignments
  load --base URL ...           steady, bounded load through the front: signed-in page users and API users who list,
                                upload and download; one line per request in requests.tsv, acknowledged uploads in
                                acked.tsv
  verify ...                    rows against objects against acknowledged uploads, written to verify.json
  report ...                    the results table from the scenario windows, the facts and the request log; exits 1
                                when a goal is missed
"""

import argparse
import base64
import hashlib
import http.client
import importlib.util
import json
import os
import re
import shlex
import ssl
import subprocess
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

# The sign-in steps the benchmark's client already takes (cookies, the CSRF token, API tokens).
_spec = importlib.util.spec_from_file_location(
    "bench_client", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench-client.py"))
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def now_ms():
    return int(time.time() * 1000)


# ---------------------------------------------------------------------------------------------------------------------
# task: read the synthesized template


def resources(template, kind):
    return {k: v for k, v in template["Resources"].items() if v["Type"] == kind}


def ref_id(value):
    """The logical id a {"Ref": id} points at, else None."""
    return value.get("Ref") if isinstance(value, dict) else None


def task(args):
    template = json.load(open(args.template))
    services = resources(template, "AWS::ECS::Service")
    if len(services) != 1:
        sys.exit(f"expected one ECS service in {args.template}, found {len(services)}")
    service = next(iter(services.values()))["Properties"]
    binding = service["LoadBalancers"][0]
    task_definition = template["Resources"][ref_id(service["TaskDefinition"])]["Properties"]
    container = next(c for c in task_definition["ContainerDefinitions"] if c["Name"] == binding["ContainerName"])
    target_groups = resources(template, "AWS::ElasticLoadBalancingV2::TargetGroup")
    target_group = target_groups.get(ref_id(binding.get("TargetGroupArn"))) or next(iter(target_groups.values()))
    target_group = target_group["Properties"]
    attributes = {a["Key"]: a["Value"] for a in target_group.get("TargetGroupAttributes", [])}
    listeners = [v["Properties"] for v in resources(template, "AWS::ElasticLoadBalancingV2::Listener").values()]
    # The production listeners (a blue/green deployment adds a test listener on another port).
    https = next(l for l in listeners if l["Protocol"] == "HTTPS" and l["Port"] == 443)
    http_listener = next((l for l in listeners if l["Protocol"] == "HTTP" and l["Port"] == 80), None)
    redirect = None
    if http_listener:
        action = http_listener["DefaultActions"][0]
        if action["Type"] == "redirect":
            redirect = action["RedirectConfig"]

    out = {
        "TASK_CPU": task_definition["Cpu"],
        "TASK_MEMORY_MIB": task_definition["Memory"],
        "CONTAINER_PORT": str(binding["ContainerPort"]),
        "STOP_TIMEOUT": str(container.get("StopTimeout", 30)),
        "HEALTH_PATH": target_group.get("HealthCheckPath", "/"),
        "HEALTH_INTERVAL": str(target_group.get("HealthCheckIntervalSeconds", 30)),
        "HEALTH_TIMEOUT": str(target_group.get("HealthCheckTimeoutSeconds", 5)),
        "HEALTHY_THRESHOLD": str(target_group.get("HealthyThresholdCount", 5)),
        "UNHEALTHY_THRESHOLD": str(target_group.get("UnhealthyThresholdCount", 2)),
        "HEALTH_CODES": target_group.get("Matcher", {}).get("HttpCode", "200"),
        "DEREGISTRATION_DELAY": attributes.get("deregistration_delay.timeout_seconds", "300"),
        "SSL_POLICY": https.get("SslPolicy", ""),
        "REDIRECT_STATUS": redirect["StatusCode"].replace("HTTP_", "") if redirect else "",
        "REDIRECT_PROTOCOL": redirect.get("Protocol", "") if redirect else "",
        "ENGINE_VERSION": next(iter(resources(template, "AWS::RDS::DBInstance").values()))["Properties"]
        .get("EngineVersion", ""),
    }
    for key, value in out.items():
        print(f"{key}={shlex.quote(str(value))}")
    # The container's variables: literal values as they are, anything CloudFormation resolves at deploy time as a token.
    lines = []
    for variable in container.get("Environment", []):
        value = variable["Value"]
        if isinstance(value, str):
            lines.append(f"env\t{variable['Name']}\tliteral\t{value}")
        else:
            lines.append(f"env\t{variable['Name']}\ttoken\t{json.dumps(value, separators=(',', ':'))}")
    for secret in container.get("Secrets", []):
        lines.append(f"secret\t{secret['Name']}\ttoken\t")
    with open(args.env_out, "w") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------------------------------
# load: the users


class Front:
    """HTTPS to the front, one connection per request: what a browser behind many NATs looks like to an ALB."""

    def __init__(self, base, ca):
        url = re.match(r"https://([^:/]+):(\d+)", base)
        self.host, self.port = url.group(1), int(url.group(2))
        self.context = ssl.create_default_context(cafile=ca)

    def call(self, method, path, headers=None, body=None, timeout=60):
        """(status, headers as (name, value) pairs, body, from_app); status 0 when the connection failed."""
        connection = http.client.HTTPSConnection(self.host, self.port, context=self.context, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            data = response.read()
            answer = response.getheaders()
            # Every answer of the application carries X-Request-Id; one without it came from the front itself.
            return response.status, answer, data, header(answer, "x-request-id") is not None
        except (OSError, http.client.HTTPException) as e:
            return 0, [], str(e).encode(), False
        finally:
            connection.close()


class BenchWeb:
    """The front as scripts/bench-client.py's steps (sign-up, sign-in, API token) expect a server: call(method, path,
    body, headers) -> (status, headers, body)."""

    def __init__(self, front):
        self.front = front

    def call(self, method, path, body=None, headers=None):
        status, answer, data, _ = self.front.call(method, path, headers, body, timeout=120)
        if status == 0:
            raise SystemExit(f"{method} {path}: no answer ({data[:200]!r})")
        return status, answer, data


def header(headers, name):
    return next((value for key, value in headers if key.lower() == name), None)


class User:
    """A signed-in page user (Cookie header: the session and the CSRF token's cookie) or an API user (Authorization)."""

    def __init__(self, email):
        self.email = email
        self.cookie = ""
        self.csrf = {}  # the CSRF header the page's script sends, with the page's token
        self.authorization = None
        self.files = []  # (id, sha256) acknowledged for this user
        self.lock = threading.Lock()

    def cookies(self):
        with self.lock:
            return {"Cookie": self.cookie} if self.cookie else {}

    def remember(self, headers):
        """Every Set-Cookie the application answers, as a browser would keep it."""
        with self.lock:
            self.cookie = bench.with_cookies(self.cookie, headers)

    def sign_in(self, web):
        """The sign-in form, then the files page for the CSRF header and token its upload script sends."""
        self.cookie = bench.sign_in(web, self.email)
        _, name, token, self.cookie = bench.page_attributes(web, self.cookie)
        if not token:
            raise SystemExit(f"the files page of {self.email} has no CSRF token")
        self.csrf = {name: token}

    def token(self, web):
        """A personal access token from the tokens page, as a script of this user would use."""
        self.sign_in(web)
        token = bench.api_token(web, self.cookie)
        if not token:
            raise SystemExit("the application has no tokens page")
        self.authorization = {"Authorization": f"Bearer {token}"}

    def basic(self):
        credentials = base64.b64encode(f"{self.email}:{bench.PASSWORD}".encode()).decode()
        self.authorization = {"Authorization": f"Basic {credentials}"}


def signed_out(status, headers):
    return status in (301, 302, 303) and "/login" in (header(headers, "location") or "")


class Load:
    def __init__(self, args):
        self.args = args
        self.front = Front(args.base, args.ca)
        self.log = open(os.path.join(args.out, "requests.tsv"), "a", buffering=1)
        self.acked = open(os.path.join(args.out, "acked.tsv"), "a", buffering=1)
        self.refused = open(os.path.join(args.out, "refused.tsv"), "a", buffering=1)
        self.write_lock = threading.Lock()
        self.inflight = 0
        self.counter = 0
        run = args.run_id
        self.page_users = [User(f"page{i}-{run}@rehearsal.example.com") for i in range(4)]
        self.api_users = [User(f"api{i}-{run}@rehearsal.example.com") for i in range(2)]
        self.big_user = User(f"big-{run}@rehearsal.example.com")

    def record(self, start, op, status, from_app, note=""):
        end = now_ms()
        with self.write_lock:
            self.log.write(f"{start}\t{end}\t{op}\t{status}\t{1 if from_app else 0}\t{note}\n")

    def payload(self):
        size = 4096 + (self.counter * 7919) % 28672
        return os.urandom(size)

    # The operations: each records one line.

    def page(self, user):
        start = now_ms()
        status, headers, _, from_app = self.front.call("GET", "/files", user.cookies())
        user.remember(headers)
        self.record(start, "page", status, from_app, "signed-out" if signed_out(status, headers) else "")

    def page_upload(self, user):
        """As the files page's script uploads: the file as the raw body of PUT /files?name=, the CSRF header."""
        data = self.payload()
        name = f"page-{uuid.uuid4().hex}.bin"
        headers = {"Content-Type": "application/octet-stream", "Accept": "application/json", **user.csrf}
        self.upload("page-upload", user, "/files", name, data, {**headers, **user.cookies()})

    def page_download(self, user):
        picked = self.pick(user)
        if not picked:
            return self.page(user)
        file_id, sha = picked
        start = now_ms()
        status, headers, body, from_app = self.front.call("GET", f"/files/{file_id}/download", user.cookies())
        user.remember(headers)
        note = "signed-out" if signed_out(status, headers) else file_id
        self.record(start, "page-download", self.checked(status, body, sha), from_app, note)

    def api_list(self, user):
        start = now_ms()
        status, _, _, from_app = self.front.call("GET", "/api/files", user.authorization)
        self.record(start, "api-list", status, from_app)

    def api_upload(self, user):
        data = self.payload()
        name = f"api-{uuid.uuid4().hex}.bin"
        self.upload("api-upload", user, "/api/files", name, data,
                    {"Content-Type": "application/octet-stream", **user.authorization})

    def upload(self, op, user, path, name, data, headers):
        start = now_ms()
        status, answer, body, from_app = self.front.call("PUT", f"{path}?name={name}", headers, data)
        if status != 201:
            return self.refuse(start, op, status, from_app, name, answer)
        stored = json.loads(body)
        if stored.get("sha256") != hashlib.sha256(data).hexdigest():
            return self.record(start, op, 599, from_app, f"checksum differs {name}")
        self.ack(start, stored["id"], name, data, user)
        self.record(start, op, status, from_app, name)

    def api_download(self, user):
        picked = self.pick(user)
        if not picked:
            return self.api_list(user)
        file_id, sha = picked
        start = now_ms()
        status, _, body, from_app = self.front.call("GET", f"/api/files/{file_id}/content", user.authorization)
        self.record(start, "api-download", self.checked(status, body, sha), from_app, file_id)

    def pick(self, user):
        """One of the user's acknowledged files (id, sha256), or None before the first."""
        with user.lock:
            return user.files[self.counter % len(user.files)] if user.files else None

    @staticmethod
    def checked(status, body, sha):
        # 599: the bytes came back, but not the bytes that were stored.
        return 599 if status == 200 and hashlib.sha256(body).hexdigest() != sha else status

    def ack(self, start, file_id, name, data, user):
        sha = hashlib.sha256(data).hexdigest()
        with user.lock:
            user.files.append((file_id, sha))
        with self.write_lock:
            self.acked.write(f"{start}\t{now_ms()}\t{file_id}\t{name}\t{sha}\t{len(data)}\n")

    def refuse(self, start, op, status, from_app, name, headers):
        with self.write_lock:
            self.refused.write(f"{start}\t{now_ms()}\t{op}\t{status}\t{1 if from_app else 0}\t{name}\n")
        self.record(start, op, status, from_app, "signed-out" if signed_out(status, headers) else name)

    def sign_in_everyone(self):
        """Page users through the sign-in form; API users with a token from the tokens page, as a script would, but
        one of them with HTTP Basic (bcrypt on every request: the slow path scripts may still use); the large uploads'
        user with a token, written for scripts/rehearsal.sh's curl."""
        web = BenchWeb(self.front)
        users = self.page_users + self.api_users + [self.big_user]
        for number, user in enumerate(users):
            bench.sign_up(web, user.email, number)
        for user in self.page_users:
            user.sign_in(web)
        self.api_users[0].token(web)
        self.api_users[1].basic()
        self.big_user.token(web)
        with open(os.path.join(self.args.out, "big.auth"), "w") as f:
            f.write(f"Authorization: {self.big_user.authorization['Authorization']}\n")

    def run(self):
        self.sign_in_everyone()
        # A steady mix: mostly signed-in page users (their sessions must survive everything), some API traffic.
        mix = [
            (self.page, self.page_users),
            (self.page_upload, self.page_users),
            (self.api_list, self.api_users),
            (self.page, self.page_users),
            (self.page_download, self.page_users),
            (self.api_upload, self.api_users),
            (self.page, self.page_users),
            (self.api_download, self.api_users),
            (self.page_upload, self.page_users),
            (self.page_download, self.page_users),
        ]
        with open(os.path.join(self.args.out, "load.ready"), "w") as f:
            f.write(str(now_ms()))
        pool = ThreadPoolExecutor(max_workers=self.args.max_inflight)
        interval = 1.0 / self.args.rate
        deadline = time.monotonic() + self.args.max_seconds
        next_tick = time.monotonic()
        while time.monotonic() < deadline and not os.path.exists(self.args.stop_file):
            operation, users = mix[self.counter % len(mix)]
            user = users[(self.counter // len(mix)) % len(users)]
            self.counter += 1
            if self.inflight >= self.args.max_inflight:
                self.record(now_ms(), "dropped", 0, False, "client saturated")
            else:
                with self.write_lock:
                    self.inflight += 1
                pool.submit(self.guarded, operation, user)
            next_tick += interval
            time.sleep(max(0.0, next_tick - time.monotonic()))
        pool.shutdown(wait=True)

    def guarded(self, operation, user):
        try:
            operation(user)
        except Exception as e:  # a driver bug must show up as an error line, not vanish in the pool
            self.record(now_ms(), operation.__name__, 598, False, f"driver: {e!r}"[:200])
        finally:
            with self.write_lock:
                self.inflight -= 1


# ---------------------------------------------------------------------------------------------------------------------
# verify: rows, objects, acknowledgements


def s3_objects(endpoint, bucket, prefix):
    objects, token = {}, None
    namespace = {"s": "http://s3.amazonaws.com/doc/2006-03-01/"}
    url = re.match(r"http://([^:/]+):(\d+)", endpoint)
    while True:
        query = f"/{bucket}?list-type=2&prefix={prefix}&max-keys=1000"
        if token:
            query += "&continuation-token=" + token
        connection = http.client.HTTPConnection(url.group(1), int(url.group(2)), timeout=30)
        connection.request("GET", query)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"listing {bucket} answered {response.status}: {body[:300]!r}")
        root = ET.fromstring(body)
        for item in root.findall("s:Contents", namespace):
            modified = datetime.fromisoformat(item.find("s:LastModified", namespace).text.replace("Z", "+00:00"))
            objects[item.find("s:Key", namespace).text] = {
                "size": int(item.find("s:Size", namespace).text),
                "at": int(modified.timestamp() * 1000),
            }
        token_element = root.find("s:NextContinuationToken", namespace)
        if token_element is None or not token_element.text:
            return objects
        token = token_element.text


def read_tsv(path, width):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n").split("\t", width - 1) for line in f if line.strip()]


def verify(args):
    rows = {}
    query = (
        "copy (select id, original_name, size_bytes, sha256, storage_key,"
        " (extract(epoch from created_at) * 1000)::bigint from stored_files) to stdout"
    )
    output = subprocess.run(shlex.split(args.psql) + ["-Atq", "-c", query], check=True, capture_output=True, text=True)
    for line in output.stdout.splitlines():
        file_id, name, size, sha, key, created = line.split("\t")
        rows[file_id] = {"name": name, "size": int(size), "sha": sha, "key": key, "at": int(created)}
    objects = s3_objects(args.s3, args.bucket, "files/")
    keys = {row["key"] for row in rows.values()}
    by_name = {row["name"]: file_id for file_id, row in rows.items()}

    lost = []
    for start, end, file_id, name, sha, size in read_tsv(os.path.join(args.out, "acked.tsv"), 6):
        row = rows.get(file_id)
        if row is None:
            lost.append({"at": int(end), "id": file_id, "why": "acknowledged, no row"})
        elif row["sha"] != sha or row["size"] != int(size):
            lost.append({"at": int(end), "id": file_id, "why": "row differs from what was sent"})
        elif objects.get(row["key"], {}).get("size") != int(size):
            lost.append({"at": int(end), "id": file_id, "why": f"object missing or of another size: {row['key']}"})
    stored_though_refused = []
    for start, end, op, status, from_app, name in read_tsv(os.path.join(args.out, "refused.tsv"), 6):
        # Refused by the application itself (not a front error, where the instance may have finished the work).
        if from_app == "1" and name in by_name:
            stored_though_refused.append({"at": int(end), "name": name, "status": status})
    rows_without_object = [
        {"at": row["at"], "id": file_id, "key": row["key"]} for file_id, row in rows.items() if row["key"] not in objects
    ]
    objects_without_row = [{"at": o["at"], "key": key} for key, o in objects.items() if key not in keys]
    result = {
        "rows": len(rows),
        "objects": len(objects),
        "lost": lost,
        "stored_though_refused": stored_though_refused,
        "rows_without_object": rows_without_object,
        "objects_without_row": objects_without_row,
    }
    with open(os.path.join(args.out, "verify.json"), "w") as f:
        json.dump(result, f, indent=1)
    print(
        f"verify: {len(rows)} rows, {len(objects)} objects, {len(lost)} lost, "
        f"{len(stored_though_refused)} stored though refused, {len(rows_without_object)} rows without object, "
        f"{len(objects_without_row)} objects without row"
    )


# ---------------------------------------------------------------------------------------------------------------------
# report: the table and the goals


def p99(values):
    if not values:
        return 0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def report(args):
    out = args.out
    requests = [
        {"start": int(s), "end": int(e), "op": op, "status": int(st), "app": a == "1", "note": n}
        for s, e, op, st, a, n in read_tsv(os.path.join(out, "requests.tsv"), 6)
    ]
    facts = {}
    for line in open(os.path.join(out, "facts.tsv")):
        scenario, key, value = line.rstrip("\n").split("\t", 2)
        if key in ("note", "problem"):
            facts.setdefault(scenario, {}).setdefault(key, []).append(value)
        else:
            facts.setdefault(scenario, {})[key] = value
    checked = json.load(open(os.path.join(out, "verify.json")))
    windows = [
        (scenario, name, int(start), int(end))
        for scenario, name, start, end in read_tsv(os.path.join(out, "scenarios.tsv"), 4)
    ]
    ok = lambda r: 200 <= r["status"] < 400 and r["note"] != "signed-out" and r["op"] != "dropped"  # noqa: E731

    rows, missed = [], []
    for scenario, name, start, end in sorted(windows, key=lambda w: w[0]):
        fact = facts.get(scenario, {})
        # A request the driver could not send because too many were still waiting counts as failed: the system
        # did not keep up with the load.
        inside = [r for r in requests if start <= r["start"] < end]
        errors = [r for r in inside if not ok(r)]
        signed_out_count = sum(1 for r in inside if r["note"] == "signed-out")
        in_window = lambda at: start <= at < end  # noqa: E731
        lost = sum(1 for x in checked["lost"] if in_window(x["at"]))
        refused_stored = sum(1 for x in checked["stored_though_refused"] if in_window(x["at"]))
        orphaned = sum(1 for x in checked["rows_without_object"] + checked["objects_without_row"] if in_window(x["at"]))
        fault_end = int(fact["fault_end"]) if "fault_end" in fact else None
        recovery = None
        if fault_end is not None:
            last_error = max((r["end"] for r in errors), default=fault_end)
            recovery = max(0.0, (last_error - fault_end) / 1000)
        problems = []
        if signed_out_count:
            problems.append(f"{signed_out_count} requests found their user signed out")
        if lost:
            problems.append(f"{lost} acknowledged uploads lost")
        if refused_stored:
            problems.append(f"{refused_stored} refused uploads stored anyway")
        if orphaned:
            problems.append(f"{orphaned} half-stored files (a row without its object or an object without its row)")
        if not inside:
            problems.append("no load in the window")
        problems += judge(scenario, fact, inside, errors, recovery, args)
        problems += fact.get("problem", [])
        rows.append(
            {
                "scenario": f"{scenario} {name}",
                "requests": len(inside),
                "errors": len(errors),
                "p99": p99([r["end"] - r["start"] for r in inside]),
                "recovery": "-" if recovery is None else f"{recovery:.1f}",
                "lost": f"{lost}/{orphaned}",
                "goal": "met" if not problems else "MISSED",
                "notes": "; ".join(problems) if problems else "; ".join(facts_notes(fact)),
            }
        )
        if problems:
            missed.append(scenario)

    whole = (
        f"consistency at the end: {checked['rows']} rows, {checked['objects']} objects, "
        f"{len(checked['rows_without_object'])} rows without object, "
        f"{len(checked['objects_without_row'])} objects without row"
    )
    if checked["rows_without_object"] or checked["objects_without_row"]:
        missed.append("consistency")
    lines = [
        "| scenario | requests | errors | p99 ms | recovery s | lost/orphaned | goal | notes |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['scenario']} | {r['requests']} | {r['errors']} | {r['p99']} | {r['recovery']} | {r['lost']} "
            f"| {r['goal']} | {r['notes']} |"
        )
    text = "\n".join(lines) + "\n\n" + whole + "\n"
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write(text)
    print(text)
    if missed:
        print(f"goals missed: {', '.join(missed)}")
        sys.exit(1)
    print("every goal met")


def judge(scenario, fact, inside, errors, recovery, args):
    """The goal of each scenario, beyond what all of them share (nothing lost, nobody signed out)."""
    problems = []
    if "fault_start" in fact:
        fault_start, fault_end = int(fact["fault_start"]), int(fact["fault_end"])
    if scenario in ("1", "2", "6"):
        if errors:
            problems.append(f"{len(errors)} failed requests ({summary(errors)})")
    if scenario == "1" and fact.get("smoke") != "0":
        problems.append(f"the smoke test exited {fact.get('smoke')}")
    if scenario == "3":
        # Only what was on its way to the killed instance may fail: requests that started before the front stopped
        # sending to it (ECS deregisters a task whose container exited).
        gone = int(fact["deregistered"])
        late = [r for r in errors if r["start"] >= gone]
        if late:
            problems.append(f"{len(late)} requests failed after the instance left the front ({summary(late)})")
    if scenario in ("4", "5"):
        expected_ops = None if scenario == "4" else ("page-upload", "api-upload", "page-download", "api-download")
        window_end = fault_end + args.recovery_goal * 1000
        outside = [r for r in errors if not (fault_start <= r["end"] and r["start"] < window_end)]
        if outside:
            problems.append(f"{len(outside)} failures outside the outage ({summary(outside)})")
        unclear = [r for r in errors if r["status"] != 503 or not r["app"]]
        if unclear:
            problems.append(f"{len(unclear)} failures were not a 503 of the application ({summary(unclear)})")
        if expected_ops:
            others = [r for r in errors if r["op"] not in expected_ops]
            if others:
                problems.append(f"{len(others)} requests that need no bucket failed ({summary(others)})")
        slow = [r for r in errors if r["end"] - r["start"] > args.fail_fast_ms]
        if slow:
            problems.append(f"{len(slow)} failures took longer than {args.fail_fast_ms} ms")
        if recovery is not None and recovery > args.recovery_goal:
            problems.append(f"recovered {recovery:.1f} s after the return (goal {args.recovery_goal} s)")
    for key in ("restarts", "unhealthy"):
        if fact.get(key, "0") != "0":
            problems.append(f"{key}: {fact[key]}")
    if scenario == "7" and fact.get("incomplete", "0") != "0":
        problems.append(f"{fact['incomplete']} large uploads neither complete nor cleanly refused")
    return problems


def facts_notes(fact):
    return fact.get("note", [])


def summary(requests):
    counts = {}
    for r in requests:
        key = f"{r['op']} {r['status'] or 'conn'}"
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(f"{k} x{v}" for k, v in sorted(counts.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("task")
    p.add_argument("template")
    p.add_argument("--env-out", required=True)
    p = commands.add_parser("load")
    p.add_argument("--base", required=True)
    p.add_argument("--ca", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--rate", type=float, default=10)
    p.add_argument("--max-inflight", type=int, default=48)
    p.add_argument("--max-seconds", type=float, default=600)
    p.add_argument("--stop-file", required=True)
    p.add_argument("--run-id", default=uuid.uuid4().hex[:8])
    p = commands.add_parser("verify")
    p.add_argument("--out", required=True)
    p.add_argument("--psql", required=True)
    p.add_argument("--s3", required=True)
    p.add_argument("--bucket", required=True)
    p = commands.add_parser("report")
    p.add_argument("--out", required=True)
    p.add_argument("--recovery-goal", type=float, default=10)
    p.add_argument("--fail-fast-ms", type=int, default=2000)
    args = parser.parse_args()
    {"task": task, "load": lambda a: Load(a).run(), "verify": verify, "report": report}[args.command](args)


if __name__ == "__main__":
    main()
