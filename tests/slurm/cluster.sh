# A one-node Slurm on this machine for the tests, in a temporary folder: munged (as the munge user, with a key made
# for the run and its own socket), slurmctld and slurmd (as root) under a generated slurm.conf. Sourced by
# tests/slurm/run; cluster_start DIR starts it (returning non-zero with one line on stderr saying what failed),
# cluster_stop stops what cluster_start started. Needs root and the Debian 12 packages slurm-wlm and munge.

# Whether process $1 is running (a daemon that has ended stays a zombie where nothing reaps orphans, as in a container).
running() {
    [ -r "/proc/$1/stat" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat")" != Z ]
}

# A free TCP port on this machine.
free_port() {
    local port
    for port in $(shuf -i 20000-60000 -n 50); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

cluster_start() {
    local dir=$1 host cpus memory
    cluster_dir=$dir
    host=$(hostname -s)
    cpus=$(nproc)
    memory=$(awk '/^MemTotal:/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)
    mkdir -p "$dir/munge" "$dir/state" "$dir/spool"
    chmod 755 "$dir"

    # munged refuses keys, sockets and logs that others could write: a folder of its own, owned by munge.
    dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
    chown -R munge:munge "$dir/munge"
    chmod 711 "$dir/munge"   # clients need to reach the socket
    chmod 400 "$dir/munge/munge.key"
    if ! runuser -u munge -- munged --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
            --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
            --seed-file="$dir/munge/munged.seed" 2>"$dir/munged.err"; then
        echo "munged did not start: $(tail -n 1 "$dir/munged.err")" >&2
        return 1
    fi

    local ctld_port slurmd_port
    ctld_port=$(free_port) && slurmd_port=$(free_port) || { echo "no free TCP port for slurmctld and slurmd" >&2; return 1; }
    # The daemons reach each other on 127.0.0.1, so that the host's name need not resolve.
    # cred_expire: how long a requeued job waits before it may start again (default 120 s). KillWait: the most a job
    # stopped by SIGTERM has to save its state before SIGKILL, generous for a machine under load.
    cat >"$dir/slurm.conf" <<CONF
ClusterName=rootseg-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket,cred_expire=10
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
KillWait=120
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF=$dir/slurm.conf
    if ! slurmctld -f "$SLURM_CONF" 2>"$dir/slurmctld.err"; then
        echo "slurmctld did not start: $(tail -n 1 "$dir/slurmctld.err")" >&2
        return 1
    fi
    if ! slurmd -f "$SLURM_CONF" 2>"$dir/slurmd.err"; then
        echo "slurmd did not start: $(tail -n 1 "$dir/slurmd.err")" >&2
        return 1
    fi
    # Up when the node is idle; a node that stays down says why in its reason.
    local i state
    for i in $(seq 1 60); do
        state=$(sinfo -h -N -o '%t' 2>/dev/null | head -n 1)
        [ "$state" = idle ] && return 0
        sleep 0.5
    done
    echo "the node did not come up (state '${state:-none}', $(scontrol show node "$host" 2>/dev/null | grep -o 'Reason=.*' || tail -n 1 "$dir/slurmd.log"))" >&2
    return 1
}

cluster_stop() {
    [ -n "${cluster_dir:-}" ] || return 0
    local pidfile jobs i
    # Jobs a failed test left behind go first, so that no job process outlives the cluster.
    jobs=$(squeue -h -o %A 2>/dev/null | sort -u)
    if [ -n "$jobs" ]; then
        # shellcheck disable=SC2086
        scancel --full --signal=KILL $jobs 2>/dev/null
        for i in $(seq 1 50); do
            [ -z "$(squeue -h 2>/dev/null)" ] && break
            sleep 0.2
        done
    fi
    for pidfile in "$cluster_dir/slurmd.pid" "$cluster_dir/slurmctld.pid" "$cluster_dir/munge/munged.pid"; do
        [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
    done
    # Wait for them to go, so that the folder can be removed and the ports are free again.
    for pidfile in "$cluster_dir/slurmd.pid" "$cluster_dir/slurmctld.pid" "$cluster_dir/munge/munged.pid"; do
        for i in $(seq 1 50); do
            [ -s "$pidfile" ] && running "$(cat "$pidfile")" || break
            sleep 0.2
        done
    done
    cluster_dir=
}
