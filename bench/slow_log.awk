# The MariaDB 10.11 slow-query log of bench/national.sh (long_query_time = 0,
# log_slow_verbosity = query_plan,explain), one entry per statement. Finds
#   OVER_100MS             statements that took more than 100 ms;
#   CLAIM_LINES_FULL_SCAN  statements with an EXPLAIN row of type ALL on claim_lines (by name or
#                          by its alias in the statement);
#   NOTE_FULL_SCAN         (not a failure) Full_scan: Yes on a statement that names claim_lines
#                          but whose scan is of another table.
# Prints one line per finding and statement shape (literals replaced by ?), most frequent
# first: "KIND count=… max_s=…", then one such statement and its EXPLAIN rows.
# Usage: awk -f bench/slow_log.awk slow.log
function flush(   i, n, f, t, over, scan, alias_re) {
    if (stmt == "") { reset(); return }
    over = (qtime + 0 > 0.1)
    scan = ""
    for (i = 1; i <= nexplain; i++) {
        n = split(explain[i], f, "\t")
        if (n < 4 || f[4] != "ALL") continue
        t = f[3]
        alias_re = "claim_lines( AS)? " t "([ ,)]|$)"
        if (t == "claim_lines" || stmt ~ alias_re) scan = scan " " t
    }
    if (over) found("OVER_100MS")
    if (scan != "") found("CLAIM_LINES_FULL_SCAN" scan)
    if (!over && scan == "" && fullscan && stmt ~ /claim_lines/) found("NOTE_FULL_SCAN")
    reset()
}
function shape(s) {
    gsub(/'[^']*'/, "?", s)
    gsub(/[0-9]+/, "?", s)
    return s
}
function found(kind,   key, i) {
    key = kind SUBSEP shape(stmt)
    if (!(key in count)) {
        keys[++nkeys] = key
        example[key] = "  " substr(stmt, 1, 3000)
        for (i = 1; i <= nexplain; i++) example[key] = example[key] "\n  explain: " explain[i]
    }
    count[key]++
    if (qtime + 0 > maxq[key] + 0) maxq[key] = qtime
}
function reset() { stmt = ""; qtime = 0; fullscan = 0; nexplain = 0 }
BEGIN { reset() }
/^# (Time|User@Host):/ { if (stmt != "") flush(); next }
/^# Query_time:/ { qtime = $3; next }
/^# Full_scan: Yes/ { fullscan = 1; next }
/^# explain: / {
    line = substr($0, 12)
    if (line !~ /^id\tselect_type/) explain[++nexplain] = line
    next
}
/^#/ { next }
/^SET timestamp=/ { next }
/^use [`a-z_]+;$/ { next }
/^(\/usr|Tcp port|Time  |mariadbd, Version)/ { next }
{ stmt = (stmt == "" ? $0 : stmt " " $0) }
END {
    flush()
    # Most frequent first (a simple selection sort: the shapes are few).
    for (i = 1; i <= nkeys; i++) {
        for (j = i + 1; j <= nkeys; j++) {
            if (count[keys[j]] > count[keys[i]]) { t = keys[i]; keys[i] = keys[j]; keys[j] = t }
        }
        split(keys[i], kk, SUBSEP)
        printf "%s count=%d max_s=%s\n%s\n", kk[1], count[keys[i]], maxq[keys[i]], example[keys[i]]
    }
}
