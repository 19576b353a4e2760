#!/usr/bin/python3
"""Run oracle scenarios over real Twisted and print their traces.

Reads a JSON array of scenarios on stdin and writes a JSON array of
``{"id": ..., "trace": [...]}`` (or ``{"id": ..., "error": ...}`` when the
scenario itself is malformed) on stdout.

The scenario language and the trace format are specified in README.md next to
this file; scripts/oracle/runner.ts is the same interpreter over our Deferred.
Both must stay line-for-line equivalent in what they record.
"""

import gc
import json
import sys
import traceback
import warnings

from twisted.internet import defer
from twisted.internet.defer import (
    AlreadyCalledError,
    CancelledError,
    Deferred,
    DeferredList,
    FirstError,
    TimeoutError,
)
from twisted.internet.task import Clock
from twisted.logger import Logger
from twisted.python.failure import Failure

# A handler nested deeper than this, or called more often than this in one
# scenario, raises Runaway instead of running: random scenarios may build
# cycles (a callback that re-adds itself), and both interpreters must stop at
# the same point.
MAX_DEPTH = 8
MAX_CALLS = 200


class E1(Exception):
    pass


class E2(Exception):
    pass


class E3(Exception):
    pass


class E1Sub(E1):
    pass


class Runaway(Exception):
    pass


# Errors a scenario may name. Scenario-defined classes show their message in
# traces; library classes show only their name (their messages are not part of
# the contract: Twisted's TimeoutError message is a Python tuple repr).
SCENARIO_ERRORS = {"E1": E1, "E2": E2, "E3": E3, "E1Sub": E1Sub, "Runaway": Runaway}
LIBRARY_ERRORS = {
    "CancelledError": CancelledError,
    "TimeoutError": TimeoutError,
    "AlreadyCalledError": AlreadyCalledError,
    "FirstError": FirstError,
    "Exception": Exception,
}
TRAP_TYPES = dict(SCENARIO_ERRORS, **LIBRARY_ERRORS)

# Steps whose return value Twisted defines (they all return the Deferred).
RETURNING = {"addCallback", "addErrback", "addBoth", "addCallbacks", "addTimeout", "chainDeferred"}


class ScenarioError(Exception):
    """The scenario is malformed; this is a bug in the scenario, not a trace."""


def make_error(name, msg):
    if name == "FirstError":
        raise ScenarioError("FirstError cannot be raised by a scenario")
    cls = TRAP_TYPES.get(name)
    if cls is None:
        raise ScenarioError("unknown error class " + name)
    return cls(msg) if msg else cls()


class Observer:
    """Receives Twisted's log events for the scenario being run."""

    def __init__(self):
        self.run = None
        self.pending_unhandled = False

    def __call__(self, event):
        run = self.run
        if run is None:
            return
        failure = event.get("log_failure")
        if failure is None:
            if event.get("log_format") == "Unhandled error in Deferred:":
                self.pending_unhandled = True
            return
        if self.pending_unhandled:
            self.pending_unhandled = False
            run.unhandled.append(run.show(failure))
        else:
            run.emit("log " + run.show(failure))


OBSERVER = Observer()
# DebugInfo.__del__ and DeferredList.cancel log through the module's logger.
defer.log = Logger(observer=OBSERVER)


class Run:
    def __init__(self, scenario):
        self.scenario = scenario
        self.trace = []
        self.unhandled = []
        self.env = {}
        self.order = []
        self.names = {}
        self.handlers = scenario.get("handlers", {})
        self.functions = {}
        self.clock = Clock()
        self.depth = 0
        self.calls = 0

    # -- recording -----------------------------------------------------------

    def emit(self, line):
        self.trace.append(line)

    def name_of(self, d):
        return self.names.get(id(d), "?")

    def show(self, v):
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):
            return str(int(v)) if v.is_integer() else repr(v)
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, (list, tuple)):
            return "[" + ",".join(self.show(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ",".join(
                json.dumps(k, ensure_ascii=False) + ":" + self.show(v[k]) for k in sorted(v)
            ) + "}"
        if isinstance(v, Failure):
            return "F(" + self.show_error(v.value) + ")"
        if isinstance(v, Deferred):
            return "D(" + self.name_of(v) + ")"
        if isinstance(v, BaseException):
            return "X(" + self.show_error(v) + ")"
        if isinstance(v, type):
            return "T(" + v.__name__ + ")"
        return "?" + type(v).__name__

    def show_error(self, e):
        if isinstance(e, FirstError):
            return "FirstError#%d<%s>" % (e.index, self.show(e.subFailure))
        name = type(e).__name__
        if isinstance(e, AssertionError):
            # Deferred.callback(aDeferred) trips an assert in Twisted; ours
            # refuses it with a TypeError (design section 6).
            return "TypeError"
        if name in SCENARIO_ERRORS and type(e) is SCENARIO_ERRORS[name]:
            msg = str(e)
            return name + ":" + msg if msg else name
        return name

    def state(self):
        parts = []
        for name in self.order:
            d = self.env[name]
            r = self.show(d.result) if d.called else "-"
            p = " p%d" % d.paused if d.paused else ""
            parts.append(name + "=" + r + p)
        return "= " + " ".join(parts)

    # -- naming --------------------------------------------------------------

    def bind(self, name, d):
        if name in self.env:
            raise ScenarioError("deferred name reused: " + name)
        self.env[name] = d
        if id(d) in self.names:
            self.emit("alias " + name + "=" + self.names[id(d)])
        else:
            self.names[id(d)] = name
            self.order.append(name)

    def deferred(self, ref, arg):
        if ref == "$arg":
            if not isinstance(arg, Deferred):
                raise ScenarioError("$arg is not a Deferred")
            return arg
        if ref not in self.env:
            raise ScenarioError("unknown deferred " + ref)
        return self.env[ref]

    # -- handlers ------------------------------------------------------------

    def handler(self, name):
        if name is None:
            return None
        if name not in self.handlers:
            raise ScenarioError("unknown handler " + name)
        fn = self.functions.get(name)
        if fn is None:
            spec = self.handlers[name]

            def fn(*args):
                self.emit(name + "(" + ",".join(self.show(a) for a in args) + ")")
                self.calls += 1
                if self.depth >= MAX_DEPTH or self.calls > MAX_CALLS:
                    self.emit(name + " runaway")
                    raise Runaway()
                self.depth += 1
                try:
                    arg = args[0] if args else None
                    run = spec.get("run", [])
                    for step in run:
                        self.step(step, arg, name)
                    if run:
                        self.emit(name + " end")
                    return self.ret(spec.get("ret", "arg"), arg)
                finally:
                    self.depth -= 1

            self.functions[name] = fn
        return fn

    def ret(self, r, arg):
        if r == "arg":
            return arg
        if r == "none":
            return None
        if not isinstance(r, dict):
            raise ScenarioError("bad ret %r" % (r,))
        if "value" in r:
            return json.loads(json.dumps(r["value"]))
        if "wrap" in r:
            return [r["wrap"], arg]
        if "add" in r:
            if isinstance(arg, int) and not isinstance(arg, bool):
                return arg + r["add"]
            return ["add", arg]
        if "raise" in r:
            raise make_error(r["raise"], r.get("msg"))
        if "failure" in r:
            return Failure(make_error(r["failure"], r.get("msg")))
        if "deferred" in r:
            return self.deferred(r["deferred"], arg)
        raise ScenarioError("bad ret %r" % (r,))

    # -- steps ---------------------------------------------------------------

    def step(self, st, arg, inside):
        """Run one step. Inside a handler, an exception is recorded and
        re-raised (the handler raises); at top level it is recorded only."""
        try:
            self.execute(st, arg, inside)
        except ScenarioError:
            raise
        except Exception as e:
            if inside is None:
                self.emit("! " + self.show_error(e))
            else:
                self.emit(inside + " ! " + st["op"] + " " + self.show_error(e))
                raise

    def execute(self, st, arg, inside):
        op = st["op"]
        if op in ("addCallback", "addErrback", "addBoth"):
            d = self.deferred(st["d"], arg)
            r = getattr(d, op)(self.handler(st["h"]), *st.get("args", []))
        elif op == "addCallbacks":
            d = self.deferred(st["d"], arg)
            r = d.addCallbacks(
                self.handler(st["cb"]),
                self.handler(st.get("eb")),
                callbackArgs=tuple(st.get("cbArgs", [])),
                errbackArgs=tuple(st.get("ebArgs", [])),
            )
        elif op == "callback":
            d = self.deferred(st["d"], arg)
            if "deferred" in st:
                d.callback(self.deferred(st["deferred"], arg))
            elif "failure" in st:
                d.callback(Failure(make_error(st["failure"], st.get("msg"))))
            else:
                d.callback(json.loads(json.dumps(st.get("value"))))
            r = None
        elif op == "errback":
            d = self.deferred(st["d"], arg)
            e = make_error(st["error"], st.get("msg"))
            d.errback(Failure(e) if st.get("wrap") else e)
            r = None
        elif op in ("pause", "unpause", "cancel"):
            getattr(self.deferred(st["d"], arg), op)()
            r = None
        elif op == "chainDeferred":
            d = self.deferred(st["d"], arg)
            r = d.chainDeferred(self.deferred(st["to"], arg))
        elif op == "addTimeout":
            d = self.deferred(st["d"], arg)
            r = d.addTimeout(st["timeout"], self.clock, self.handler(st.get("onTimeoutCancel")))
        elif op == "advance":
            self.clock.advance(st["by"])
            r = None
        elif op == "new":
            self.bind(st["as"], Deferred(self.handler(st.get("canceller"))))
            r = None
        elif op == "succeed":
            self.bind(st["as"], defer.succeed(json.loads(json.dumps(st.get("value")))))
            r = None
        elif op == "fail":
            e = make_error(st["error"], st.get("msg"))
            self.bind(st["as"], defer.fail(Failure(e) if st.get("wrap") else e))
            r = None
        elif op == "maybeDeferred":
            self.bind(st["as"], defer.maybeDeferred(self.handler(st["h"]), *st.get("args", [])))
            r = None
        elif op == "DeferredList":
            ds = [self.deferred(x, arg) for x in st["of"]]
            self.bind(
                st["as"],
                DeferredList(
                    ds,
                    fireOnOneCallback=st.get("fireOnOneCallback", False),
                    fireOnOneErrback=st.get("fireOnOneErrback", False),
                    consumeErrors=st.get("consumeErrors", False),
                ),
            )
            r = None
        elif op == "gatherResults":
            ds = [self.deferred(x, arg) for x in st["of"]]
            self.bind(st["as"], defer.gatherResults(ds, consumeErrors=st.get("consumeErrors", False)))
            r = None
        elif op == "setDebugging":
            defer.setDebugging(st["on"])
            r = None
        elif op in ("trap", "check"):
            if inside is None:
                raise ScenarioError(op + " outside a handler")
            if not isinstance(arg, Failure):
                self.emit(inside + " " + op + " skipped")
                return
            types = [TRAP_TYPES[t] for t in st["types"]]
            if op == "trap":
                arg.trap(*types)
            else:
                self.emit(inside + " check " + self.show(arg.check(*types)))
            r = None
        else:
            raise ScenarioError("unknown op " + op)
        if op in RETURNING and inside is None:
            self.emit("ret " + self.show(r))

    def run(self):
        for spec in self.scenario.get("deferreds", []):
            if isinstance(spec, str):
                spec = {"name": spec}
            self.bind(spec["name"], Deferred(self.handler(spec.get("canceller"))))
        if self.scenario.get("debug"):
            defer.setDebugging(True)
        for i, st in enumerate(self.scenario["steps"]):
            head = "#%d %s" % (i, st["op"])
            if "d" in st:
                head += " " + st["d"]
            if "as" in st:
                head += " " + st["as"]
            self.emit(head)
            self.step(st, None, None)
            self.emit(self.state())

    def finish(self):
        # Drop every reference the interpreter holds so that the scenario's
        # Deferreds are collected and their DebugInfo reports unhandled
        # failures to the observer.
        self.env.clear()
        self.order = []
        self.functions.clear()
        self.clock = None
        gc.collect()
        return sorted(self.unhandled)


def run_scenario(scenario):
    run = Run(scenario)
    OBSERVER.run = run
    OBSERVER.pending_unhandled = False
    defer.setDebugging(False)
    try:
        run.run()
        trace = run.trace
        for u in run.finish():
            trace.append("unhandled " + u)
        return {"id": scenario["id"], "trace": trace}
    except ScenarioError as e:
        run.finish()
        return {"id": scenario["id"], "error": "scenario error: " + str(e)}
    except BaseException:
        run.finish()
        return {"id": scenario["id"], "error": traceback.format_exc()}
    finally:
        OBSERVER.run = None
        defer.setDebugging(False)


def main():
    warnings.simplefilter("ignore")
    gc.collect()
    scenarios = json.load(sys.stdin)
    out = [run_scenario(s) for s in scenarios]
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
