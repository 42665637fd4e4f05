#!/bin/bash
# PID 1 of a lab host, started by lab.sh inside the host's network namespace under
# `unshare --mount --uts --pid --fork --mount-proc`: builds the host's private file system view,
# starts sshd and then only reaps orphans. Killing it (lab.sh crash) kills the whole host.
#   node-init.sh NAME HOST_DIR SIM_BIN SHARED_PVE SYSTEMCTL_SHIM
set -eu
name=$1 hostdir=$2 simbin=$3 shared=$4 shim=$5

hostname "$name"
# Simulators (another issue) first on PATH for every shell and ssh command: /usr/local/bin comes
# before /usr/sbin and /usr/bin in Debian's root PATH and in sshd's default PATH. /usr/local/sbin
# (even earlier) is per host: the systemctl shim and `lab.sh hang HOST on CMD` wrappers.
mount --bind "$simbin" /usr/local/bin
mount -o remount,bind,ro /usr/local/bin
mount --bind "$hostdir/sbin" /usr/local/sbin
# pcs calls /bin/systemctl by absolute path; shadow the machine's one where it exists.
if [ -e /usr/bin/systemctl ]; then mount --bind "$shim" /usr/bin/systemctl; fi

# Copy-on-write /etc and /var: sed -i, dpkg state, logs and the CIB all stay private to the host.
for d in etc var; do
  mount -t overlay "lab-$d" -o "lowerdir=/$d,upperdir=$hostdir/$d.up,workdir=$hostdir/$d.work" "/$d"
done
mount --bind "$hostdir/root" /root
mount -t tmpfs -o mode=755,size=64m lab-run /run
mkdir -p /run/sshd /run/lock
chmod 1777 /run/lock
# libqb (corosync, pacemaker) keeps its IPC ring buffers here; hosts must not see each other's.
mount -t tmpfs -o mode=1777,size=256m lab-shm /dev/shm
# Proxmox shares /etc/pve between nodes (pmxcfs); the simulators get one shared directory too.
mkdir -p /etc/pve /var/lib/panel-sim
mount --bind "$shared" /etc/pve

# A Proxmox VE install leaves every node a certificate in /etc/pve/nodes/NAME; its SHA-256
# fingerprint is what `pvecm add --fingerprint` checks. Made once per host (EC: fast).
if [ ! -s "/etc/pve/nodes/$name/pve-ssl.pem" ]; then
  mkdir -p "/etc/pve/nodes/$name"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj "/CN=$name" \
    -keyout "/etc/pve/nodes/$name/pve-ssl.key" -out "/etc/pve/nodes/$name/pve-ssl.pem" 2>/dev/null
fi

# pmxcfs's part that matters to corosync: when /etc/pve/corosync.conf changes, every node copies
# the newer config to /etc/corosync and reloads its running corosync.
(
  last=""
  while sleep 0.5; do
    cur=$(stat -c '%.9Y %s %i' /etc/pve/corosync.conf 2>/dev/null || true)
    if [ -n "$cur" ] && [ "$cur" != "$last" ]; then
      last=$cur
      /usr/local/bin/sim-pve sync-corosync >/dev/null 2>&1 || true
    fi
  done
) </dev/null >/dev/null 2>&1 &

/usr/sbin/sshd -E /var/log/sshd.log

trap 'kill -TERM -1 2>/dev/null; sleep 2; kill -KILL -1 2>/dev/null; exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $!
done
