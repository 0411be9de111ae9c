# The CPU each of the mix's reads costs (bench/national.sh, sourced; needs LOAD, srv_port, WORK,
# server_pid, db_pid): every read name of the mix alone, at ZC_NATIONAL_CPU_RATE req/s (default
# 400) for ZC_NATIONAL_CPU_SECONDS (default 5), with the CPU seconds the server and MariaDB used
# (utime + stime of /proc/PID/stat) divided by the requests answered. At a low rate the
# processes' fixed costs (background threads, polling) weigh on each request; a read that cannot
# keep up with the rate is measured by what it answered.
# One line per read: "cpu NAME share=… server_ms=… mariadb_ms=… p50_ms=…", and "cpu mix …", the
# mix's average weighted by each read's share of the mix: what one request costs the two
# processes, and so how many requests a second the machine's cores can answer at most.

cpu_ticks() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && awk '{ print $14 + $15 }' "/proc/$1/stat" || echo 0; }

# cpu_per_read MIX_FILE
cpu_per_read() {
    local mix="$1" rate="${ZC_NATIONAL_CPU_RATE:-400}" secs="${ZC_NATIONAL_CPU_SECONDS:-5}"
    local tck all name s0 d0 out n server db share weighted_s=0 weighted_d=0
    tck="$(getconf CLK_TCK)"
    all="$(wc -l < "$mix")"
    for name in $(cut -f1 "$mix" | sort -u); do
        grep "^$name	" "$mix" > "$WORK/cpu-one.tsv"
        s0="$(cpu_ticks "$server_pid")"; d0="$(cpu_ticks "$db_pid")"
        local perf_pid=""
        if [ -n "${ZC_NATIONAL_PROFILE_DIR:-}" ]; then
            mkdir -p "$ZC_NATIONAL_PROFILE_DIR"
            perf record -g -o "$ZC_NATIONAL_PROFILE_DIR/$name.data" -p "$server_pid${db_pid:+,$db_pid}" \
                >/dev/null 2>&1 &
            perf_pid=$!
        fi
        out="$("$LOAD" --port "$srv_port" --ca "$WORK/tls/ca.crt" --requests "$WORK/cpu-one.tsv" \
            --rate "$rate" --seconds "$secs" --connections 16 | grep '^total ')"
        [ -n "$perf_pid" ] && { kill -INT "$perf_pid"; wait "$perf_pid" || true; }
        n="$(sed -n 's/.*total n=\([0-9]*\).*/\1/p' <<< "$out")"
        server="$(echo "scale=3; ($(cpu_ticks "$server_pid") - $s0) * 1000 / $tck / $n" | bc)"
        db="$(echo "scale=3; ($(cpu_ticks "$db_pid") - $d0) * 1000 / $tck / $n" | bc)"
        share="$(echo "scale=4; $(wc -l < "$WORK/cpu-one.tsv") / $all" | bc)"
        weighted_s="$(echo "scale=4; $weighted_s + $share * $server" | bc)"
        weighted_d="$(echo "scale=4; $weighted_d + $share * $db" | bc)"
        echo "cpu $name share=$share server_ms=$server mariadb_ms=$db $(grep -o 'p50_ms=[0-9.]*' <<< "$out")"
    done
    echo "cpu mix server_ms=$weighted_s mariadb_ms=$weighted_d max_rps_on_$(nproc)_cores=$(echo "$(nproc) * 1000 / ($weighted_s + $weighted_d)" | bc)"
}
