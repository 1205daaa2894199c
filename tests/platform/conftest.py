"""Contract tests replay recorded Moodle 4.2 exchanges through MoodleClient."""

from tests.replay_server import replay_server

__all__ = ["replay_server"]
