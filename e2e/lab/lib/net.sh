# The lab network: bridge lab-br0 (10.99.0.1/24) in the machine's namespace, one veth per host.

net_create_bridge() {
  ip link add "$LAB_BRIDGE" type bridge
  ip addr add "$LAB_NET.1/24" dev "$LAB_BRIDGE"
  ip link set "$LAB_BRIDGE" up
}

net_create_host() {
  local n=$1
  ip netns add "$n"
  ip link add "$n-h" type veth peer name eth0 netns "$n"
  ip link set "$n-h" master "$LAB_BRIDGE" up
  ip -n "$n" addr add "$(ip_of "$n")/24" dev eth0
  ip -n "$n" link set eth0 up
  ip -n "$n" link set lo up
  ip -n "$n" route add default via "$LAB_NET.1"
}

# Every lab namespace present on the machine (lab1..lab9), whether or not our state knows it.
net_lab_namespaces() { ip netns list 2>/dev/null | awk '$1 ~ /^lab[1-9]$/ {print $1}'; }

net_link_state() { # up|down of the host's cable (the bridge-side veth end)
  if ip -o link show "$1-h" 2>/dev/null | grep -q '[<,]UP[,>]'; then echo up; else echo down; fi
}

# Addresses on the host's eth0 besides its own: VIPs a cluster resource put there.
net_foreign_addresses() {
  local n=$1 own; own=$(ip_of "$n")
  ip -n "$n" -4 -o addr show dev eth0 2>/dev/null | awk -v own="$own" '{split($4, a, "/"); if (a[1] != own) print $4}'
}
