# Shared set-up for the scripts: installs what a fresh machine lacks. Sourced, not run.

# Installs the system libraries Loupe links against (libedit, ncurses) when missing.
ensure_system_packages() {
    local missing=()
    for pkg in libedit-dev libncurses-dev pkg-config; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing system packages: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Puts swift on PATH when it lives in the usual place but the shell has not got it.
ensure_swift() {
    command -v swift >/dev/null 2>&1 && return 0
    for d in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
        [ -x "$d/swift" ] && export PATH="$d:$PATH" && return 0
    done
    echo "swift not found: install Swift 6 (https://swift.org/install) and re-run" >&2
    exit 1
}

# The folder of shared test data: $LOUPE_SHARED, or ../shared beside the project.
shared_dir() {
    if [ -n "${LOUPE_SHARED:-}" ]; then echo "$LOUPE_SHARED"; else echo "$(pwd)/../shared"; fi
}
