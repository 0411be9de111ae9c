# The MariaDB 10.11 slow-query log of bench/national.sh (long_query_time = 0,
# log_slow_verbosity = query_plan,explain), one entry per statement. Prints, each followed by the
# statement and its EXPLAIN rows:
#   OVER_100MS <seconds>                 a statement that took more than 100 ms;
#   CLAIM_LINES_FULL_SCAN <alias>        an EXPLAIN row of type ALL on claim_lines (by name or
#                                        by its alias in the statement);
#   NOTE_FULL_SCAN                       (not a failure) Full_scan: Yes on a statement that names
#                                        claim_lines but whose scan is of another table.
# Usage: awk -f bench/slow_log.awk slow.log
function flush(   i, n, f, t, over, scan, alias_re, kind) {
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
    if (over) report("OVER_100MS " qtime)
    if (scan != "") report("CLAIM_LINES_FULL_SCAN" scan)
    if (!over && scan == "" && fullscan && stmt ~ /claim_lines/) report("NOTE_FULL_SCAN")
    reset()
}
function report(head,   i) {
    print head
    print "  " substr(stmt, 1, 2000)
    for (i = 1; i <= nexplain; i++) print "  explain: " explain[i]
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
/^use [a-z_]+;$/ { next }
/^(\/usr|Tcp port|Time  )/ { next }
{ stmt = (stmt == "" ? $0 : stmt " " $0) }
END { flush() }
