#!/usr/bin/env bash
# The top-3 overlap of two runs of bench/search.sh (their TOP3 files, one on
# SQLite, one on PostgreSQL, over sites generated with the same seed), as
# decision 94 defines it: for each query that found anything on either side,
# |A ∩ B| / min(3, max(|A|, |B|)), averaged. Results are compared by slug
# (a generated article's date, and so its path, depends on when it was made).
#   bench/search-parity.sh SQLITE_TOP3 POSTGRES_TOP3
set -euo pipefail
a=${1:?usage: bench/search-parity.sh TOP3_A TOP3_B}
b=${2:?usage: bench/search-parity.sh TOP3_A TOP3_B}
paste "$a" "$b" | awk -F'\t' '
    $1 != $3 { print "the files list different queries: " $1 " / " $3 > "/dev/stderr"; exit 2 }
    {
        na = split($2, x, " "); nb = split($4, y, " ")
        if (na + nb == 0) { empty++; next }
        shared = 0
        for (i = 1; i <= na; i++) for (j = 1; j <= nb; j++) if (x[i] == y[j]) shared++
        top = na > nb ? na : nb; if (top > 3) top = 3
        sum += shared / top; n++
        if (shared < top) differ[++d] = sprintf("  %s: %s | %s", $1, $2, $4)
    }
    END {
        printf "top-3 overlap %.1f%% over %d queries with results (%d found nothing on either)\n", 100 * sum / n, n, empty
        if (d > 0) { print "queries whose top 3 differ:"; for (i = 1; i <= d && i <= 20; i++) print differ[i] }
    }'
