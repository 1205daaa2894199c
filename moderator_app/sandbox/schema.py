"""The sandbox site's own tables: a small subset of Moodle's, enough for the app."""

from __future__ import annotations

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,
    firstname TEXT NOT NULL, lastname TEXT NOT NULL, email TEXT NOT NULL,
    pwsalt BLOB, pwhash BLOB, policyagreed INTEGER NOT NULL DEFAULT 1,
    suspended INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (
    tokenhash TEXT PRIMARY KEY, userid INTEGER NOT NULL, created INTEGER NOT NULL,
    validuntil INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS courses (
    id INTEGER PRIMARY KEY, shortname TEXT NOT NULL, fullname TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '', visible INTEGER NOT NULL DEFAULT 1,
    startdate INTEGER NOT NULL DEFAULT 0, timemodified INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS enrolments (
    courseid INTEGER NOT NULL, userid INTEGER NOT NULL, role TEXT NOT NULL,
    PRIMARY KEY (courseid, userid, role));
CREATE TABLE IF NOT EXISTS user_lastaccess (
    userid INTEGER NOT NULL, courseid INTEGER NOT NULL, timeaccess INTEGER NOT NULL,
    PRIMARY KEY (userid, courseid));
CREATE TABLE IF NOT EXISTS groups (
    id INTEGER PRIMARY KEY, courseid INTEGER NOT NULL, name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS group_members (
    groupid INTEGER NOT NULL, userid INTEGER NOT NULL, PRIMARY KEY (groupid, userid));
CREATE TABLE IF NOT EXISTS cms (
    id INTEGER PRIMARY KEY, courseid INTEGER NOT NULL, modname TEXT NOT NULL,
    instance INTEGER NOT NULL DEFAULT 0, section INTEGER NOT NULL DEFAULT 0,
    visible INTEGER NOT NULL DEFAULT 1, idnumber TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS forums (
    id INTEGER PRIMARY KEY, courseid INTEGER NOT NULL, cmid INTEGER NOT NULL,
    type TEXT NOT NULL, name TEXT NOT NULL, intro TEXT NOT NULL DEFAULT '',
    groupmode INTEGER NOT NULL DEFAULT 0, timemodified INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS discussions (
    id INTEGER PRIMARY KEY, forumid INTEGER NOT NULL, name TEXT NOT NULL,
    firstpost INTEGER NOT NULL DEFAULT 0, userid INTEGER NOT NULL,
    groupid INTEGER NOT NULL DEFAULT -1, timemodified INTEGER NOT NULL,
    usermodified INTEGER NOT NULL, pinned INTEGER NOT NULL DEFAULT 0,
    timelocked INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS discussions_forum ON discussions (forumid, timemodified);
CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY, discussionid INTEGER NOT NULL, parent INTEGER NOT NULL DEFAULT 0,
    userid INTEGER NOT NULL, created INTEGER NOT NULL, modified INTEGER NOT NULL,
    subject TEXT NOT NULL, message TEXT NOT NULL, privatereplyto INTEGER NOT NULL DEFAULT 0,
    mailnow INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS posts_discussion ON posts (discussionid, created);
CREATE TABLE IF NOT EXISTS favourites (
    userid INTEGER NOT NULL, discussionid INTEGER NOT NULL, PRIMARY KEY (userid, discussionid));
CREATE TABLE IF NOT EXISTS subscriptions (
    userid INTEGER NOT NULL, discussionid INTEGER NOT NULL, PRIMARY KEY (userid, discussionid));
CREATE TABLE IF NOT EXISTS choices (
    id INTEGER PRIMARY KEY, courseid INTEGER NOT NULL, cmid INTEGER NOT NULL,
    name TEXT NOT NULL, intro TEXT NOT NULL DEFAULT '', publish INTEGER NOT NULL DEFAULT 0,
    showresults INTEGER NOT NULL DEFAULT 1, allowupdate INTEGER NOT NULL DEFAULT 0,
    allowmultiple INTEGER NOT NULL DEFAULT 0, limitanswers INTEGER NOT NULL DEFAULT 0,
    showunanswered INTEGER NOT NULL DEFAULT 0, timeopen INTEGER NOT NULL DEFAULT 0,
    timeclose INTEGER NOT NULL DEFAULT 0, timemodified INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS choice_options (
    id INTEGER PRIMARY KEY, choiceid INTEGER NOT NULL, text TEXT NOT NULL,
    maxanswers INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS choice_answers (
    id INTEGER PRIMARY KEY, choiceid INTEGER NOT NULL, userid INTEGER NOT NULL,
    optionid INTEGER NOT NULL, timemodified INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (
    id INTEGER PRIMARY KEY, user1 INTEGER NOT NULL, user2 INTEGER NOT NULL,
    UNIQUE (user1, user2));
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY, conversationid INTEGER NOT NULL, useridfrom INTEGER NOT NULL,
    useridto INTEGER NOT NULL, text TEXT NOT NULL, textformat INTEGER NOT NULL,
    clientmsgid TEXT NOT NULL DEFAULT '', timecreated INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS policies (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '',
    optional INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS policy_acceptances (
    policyid INTEGER NOT NULL, userid INTEGER NOT NULL, status INTEGER NOT NULL,
    timemodified INTEGER NOT NULL, PRIMARY KEY (policyid, userid));
"""
