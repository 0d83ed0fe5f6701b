#!/bin/sh
# A driver that never answers: the harness's first call times out, and the
# hang diagnosis says what this process was doing (harness_speaks_* tests).
exec sleep 60
