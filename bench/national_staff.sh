# Staff log-in for bench/national.sh (sourced; needs WORK, URL, sql): users are created through
# the API by an administrator (POST /users), and a role that needs a second factor enrols TOTP
# (RFC 6238, as bench/fault_test.sh does). Passwords and TOTP secrets are kept in WORK, so a
# kept data set (ZC_NATIONAL_DIR) logs in again on the next run.


json_field() { sed -n "s/.*\"$1\" *: *\"\\([^\"]*\\)\".*/\\1/p"; }

post() {  # post TOKEN PATH JSON -> the answer body
    curl -s --cacert "$WORK/tls/ca.crt" -H "Authorization: Bearer $1" \
        -H 'Content-Type: application/json' -d "$3" "$URL$2"
}

# login USER PASSWORD -> a session token that has passed (or set up) its second factor.
login() {
    local user="$1" pw="$2" secret_file="$WORK/$1.totp" body token secret code
    if [ -s "$secret_file" ]; then
        code="$(zc_totp "$(cat "$secret_file")")"
        body="$(post "" /api/v1/auth/login "{\"username\":\"$user\",\"password\":\"$pw\",\"totp_code\":\"$code\"}")"
    else
        body="$(post "" /api/v1/auth/login "{\"username\":\"$user\",\"password\":\"$pw\"}")"
    fi
    token="$(json_field token <<< "$body")"
    [ -n "$token" ] || { echo "log-in of $user failed: $body" >&2; return 1; }
    if grep -q '"mfa_setup_required" *: *true' <<< "$body"; then
        secret="$(post "$token" /api/v1/auth/totp/enrol '{}' | json_field secret)"
        post "$token" /api/v1/auth/totp/confirm "{\"code\":\"$(zc_totp "$secret")\"}" \
            | grep -q '"totp_enabled" *: *true' || { echo "TOTP enrolment of $user failed" >&2; return 1; }
        (umask 077; echo "$secret" > "$secret_file")
    fi
    echo "$token"
}

# staff_token ADMIN ADMIN_PASSWORD USER ROLE MUNICIPALITIES_JSON -> a token of USER, created
# with that role and scope when it does not exist yet.
staff_token() {
    local admin="$1" admin_pw="$2" user="$3" role="$4" scope="$5" pw_file="$WORK/$3.password"
    if [ "$(sql -e "SELECT COUNT(*) FROM users WHERE username = '$user'")" = 0 ]; then
        [ -n "${ADMIN_TOKEN:-}" ] || ADMIN_TOKEN="$(login "$admin" "$admin_pw")"
        (umask 077; echo "bench-$(openssl rand -hex 12)" > "$pw_file")
        post "$ADMIN_TOKEN" /api/v1/users "{\"username\":\"$user\",\"display_name\":\"Bench $role\",\
\"roles\":[\"$role\"],\"password\":\"$(cat "$pw_file")\",\"municipalities\":$scope}" \
            | grep -q "\"username\" *: *\"$user\"" || { echo "creating $user failed" >&2; return 1; }
    fi
    login "$user" "$(cat "$pw_file")"
}
