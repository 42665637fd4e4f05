#!/bin/sh
# Prints every argument followed by a NUL byte, so a test sees exactly how the remote shell
# split a command line (NUL is the one byte no argument can contain).
for arg in "$@"; do
  printf '%s\0' "$arg"
done
