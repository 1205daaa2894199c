"""A Moodle-compatible site on 127.0.0.1 for the demo, the tests and the benchmarks.

from moderator_app.sandbox import Sandbox, DEMO_PASSWORD
with Sandbox.start() as sb:          # the Dutch demo, plugin on, a free port
    sb.url, sb.faults, sb.requests, sb.state
"""

from moderator_app.sandbox.app import Sandbox
from moderator_app.sandbox.faults import ANY, LOGIN, Fault, Kind
from moderator_app.sandbox.seed_big import BigSeed, seed_big
from moderator_app.sandbox.seed_demo import DEMO_PASSWORD, FACILITATOR, MODERATOR
from moderator_app.sandbox.server import SiteMode

__all__ = [
    "ANY",
    "DEMO_PASSWORD",
    "FACILITATOR",
    "LOGIN",
    "MODERATOR",
    "BigSeed",
    "Fault",
    "Kind",
    "Sandbox",
    "SiteMode",
    "seed_big",
]
