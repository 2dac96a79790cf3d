"""ECS blue/green lifecycle hook at POST_TEST_TRAFFIC_SHIFT.

The test listener of ALB1 already forwards to the new tasks; production traffic does not yet. The new version must
pass the smoke test the pipeline runs on QA (checks.tsv) through that listener, retried for
SMOKE_TEST_TIMEOUT_SECONDS. The answer is hookStatus SUCCEEDED (ECS goes on to shift production traffic) or FAILED
(ECS rolls back to the running version); the reason is in this function's log.

A release while the service runs no task (the first one: the service starts with 0 tasks and ReleaseProd starts
them after the deployment) has nothing behind the test listener to check and passes.

Environment: TEST_LISTENER_URL (https://<domain>:8443), LOAD_BALANCER (the ALB's full name, app/<name>/<id>; when
set, requests go to the load balancer's private addresses), CLUSTER and SERVICE (when set, the service's desired
count is asked first), SMOKE_TEST_TIMEOUT_SECONDS (default 120), SMOKE_TEST_INTERVAL_SECONDS (default 10).
"""

import http.client
import os
import socket
import ssl
import time
import urllib.parse
from pathlib import Path

CHECKS = Path(__file__).with_name("checks.tsv")
REQUEST_TIMEOUT_SECONDS = 10


def read_checks(path=CHECKS):
    """(name, path, text) of each check line; text may be empty."""
    checks = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, check_path, *text = line.split("\t")
            checks.append((name, check_path, text[0] if text else ""))
    return checks


def load_balancer_addresses(full_name):
    """The private addresses of the load balancer's nodes.

    Inside the VPC the ALB's name resolves to its public addresses, reached through NAT: the listener would then see
    the NAT's address, and its security group could not admit this function's group alone. Private addresses keep
    the request inside the VPC.
    """
    import boto3  # part of the Lambda runtime; only needed on AWS

    answer = boto3.client("ec2").describe_network_interfaces(
        Filters=[{"Name": "description", "Values": ["ELB " + full_name]}]
    )
    return sorted(i["PrivateIpAddress"] for i in answer["NetworkInterfaces"])


def desired_count(cluster, service):
    import boto3  # part of the Lambda runtime; only needed on AWS

    answer = boto3.client("ecs").describe_services(cluster=cluster, services=[service])
    return answer["services"][0]["desiredCount"]


class _AddressedHttps(http.client.HTTPSConnection):
    """HTTPS to a given address, the URL's host name used for SNI, the certificate check and the Host header."""

    def __init__(self, host, port, address):
        super().__init__(host, port, timeout=REQUEST_TIMEOUT_SECONDS, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(url, address, path):
    parts = urllib.parse.urlsplit(url)
    if address:
        connection = _AddressedHttps(parts.hostname, parts.port or 443, address)
    elif parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=REQUEST_TIMEOUT_SECONDS, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=REQUEST_TIMEOUT_SECONDS)
    try:
        connection.request("GET", parts.path.rstrip("/") + path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def first_problem(url, addresses, checks):
    """None when every check passes through every address, else what failed first."""
    for address in addresses:
        via = " via " + address if address else ""
        for name, path, text in checks:
            where = url + path + via
            try:
                status, body = fetch(url, address, path)
            except (OSError, http.client.HTTPException) as error:
                return f"{name}: {where}: {error}"
            if status != 200:
                return f"{name}: {where} answered HTTP {status}"
            if text and text not in body:
                return f"{name}: {where} does not contain '{text}'"
            print(f"ok   {name} ({where})")
    return None


def handler(event, context):
    url = os.environ["TEST_LISTENER_URL"].rstrip("/")
    load_balancer = os.environ.get("LOAD_BALANCER", "")
    timeout = int(os.environ.get("SMOKE_TEST_TIMEOUT_SECONDS", "120"))
    interval = int(os.environ.get("SMOKE_TEST_INTERVAL_SECONDS", "10"))
    cluster, service = os.environ.get("CLUSTER", ""), os.environ.get("SERVICE", "")
    details = (event or {}).get("executionDetails", {})
    print(f"smoke test of {details.get('targetServiceRevisionArn', 'the new version')} through {url}")
    if cluster and service and desired_count(cluster, service) == 0:
        print(f"{service} runs no task yet (its first release starts them afterwards): nothing to check")
        return {"hookStatus": "SUCCEEDED"}
    checks = read_checks()
    deadline = time.monotonic() + timeout
    while True:
        addresses = load_balancer_addresses(load_balancer) if load_balancer else [None]
        problem = first_problem(url, addresses, checks) if addresses else "no address of " + load_balancer
        if problem is None:
            print(f"the new version at {url} passed the smoke test")
            return {"hookStatus": "SUCCEEDED"}
        if time.monotonic() >= deadline:
            print(f"FAILED: the smoke test of {url} failed for {timeout}s; last problem: {problem}")
            return {"hookStatus": "FAILED"}
        print(f"wait {problem}")
        time.sleep(interval)
