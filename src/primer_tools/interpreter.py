"""The program behind ``forkserver.py``: ``serve`` imports torch once and forks a child
per request; ``once`` runs one request in this process (where fork is not used).

A child becomes what ``python -`` (page blocks) or ``python script.py args`` (a script)
would be, in the requested working folder, and leaves through SystemExit so that the
interpreter's normal exit runs (threads joined, atexit handlers)."""

import json
import os
import sys

del sys.path[0]  # this file's folder; each child puts back what `python` would have there


def redirect(fd, path):
    target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(target, fd)
    os.close(target)


def stdout_to(path):
    sys.stdout.flush()
    redirect(1, path)


def run_blocks(blocks, outdir):
    import traceback
    import types

    main = types.ModuleType("__main__")
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main
    sys.argv[:] = ["-"]
    sys.path.insert(0, "")  # as `python -` has it: the working folder
    for number, code in enumerate(blocks, start=1):
        stdout_to(os.path.join(outdir, f"block-{number}.out"))
        try:
            exec(compile(code, f"<page block {number}>", "exec"), main.__dict__)
        except BaseException:
            sys.stdout.flush()
            with open(os.path.join(outdir, "error.txt"), "w", encoding="utf-8") as error:
                error.write(traceback.format_exc())
            return 1
    return 0


def run_script(argv, outdir):
    import runpy
    import traceback

    stdout_to(os.path.join(outdir, "script.out"))
    script = os.path.abspath(argv[0])  # __main__.__file__ is absolute since Python 3.9
    sys.argv[:] = argv
    sys.path.insert(0, os.path.dirname(script))
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exit:
        if exit.code is None or isinstance(exit.code, int):
            return exit.code or 0
        print(exit.code, file=sys.stderr)
        return 1
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def run(request):
    """Become the fresh interpreter the request asks for; leave through SystemExit."""
    if hasattr(os, "setpgrp"):
        os.setpgrp()  # its own process group, so a timeout can stop its children too
    os.chdir(request["workdir"])
    if "env" in request:  # a forked child: the environment of this run, not the server's
        os.environ.clear()
        os.environ.update(request["env"])
    if "multiprocessing.process" in sys.modules:  # torch imported it in the server's folder
        sys.modules["multiprocessing.process"].ORIGINAL_DIR = os.getcwd()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    redirect(2, os.path.join(request["outdir"], "stderr.txt"))
    if "blocks" in request:
        code = run_blocks(request["blocks"], request["outdir"])
    else:
        code = run_script(request["argv"], request["outdir"])
    sys.stdout.flush()
    sys.exit(code)


def reply(message):
    os.write(1, (json.dumps(message) + "\n").encode())


def serve():
    import warnings

    import torch  # the one import every child shares  # noqa: F401

    reply({"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # "multi-threaded fork" on 3.12+
            pid = os.fork()
        if pid == 0:
            run(request)
        reply({"pid": pid})
        _, status = os.waitpid(pid, 0)
        reply({"returncode": os.waitstatus_to_exitcode(status)})


if sys.argv[1] == "serve":
    serve()
else:
    run(json.loads(sys.stdin.read()))
