# shellcheck shell=bash
# Sourced by compat/run and compat/fuzz: the two sides' sandbox tools and the normalisation
# both compare through.  Needs $here (the compat directory) and a die() function; runs under
# the sourcing script's `set -euo pipefail`.
: "${here:?the sourcing script sets here}"

# A tool for the sandbox: fetch-reference's shell wrappers become a small launcher (a shell
# would add PWD to the environment and hide argv[0]); anything else is copied.
install_tool() {
	local src=$1 dest=$2 q
	if [ "$(head -c 2 "$src")" = "#!" ] && grep -q -- '--library-path' "$src"; then
		mapfile -t q < <(sed -nE 's/^exec "([^"]*)" --argv0 "[^"]*" --library-path "([^"]*)" "([^"]*)".*/\1\n\2\n\3/p' "$src")
		[ ${#q[@]} -ge 3 ] || die "cannot read the wrapper $src"
		gcc -O2 -Wall -o "$dest" -DLDSO="\"${q[0]}\"" -DLIBPATH="\"${q[1]}\"" -DTOOL="\"${q[2]}\"" \
			"$here/lib/launch.c" || die "cannot build a launcher for $src"
	else
		cp -L "$src" "$dest" || die "cannot copy $src"
	fi
}

# prepare_sides WORK REF IMPL: WORK/bin-ref and WORK/bin-impl hold each side's unshare and
# nsenter, the reference's as ref-unshare, and the probe; WORK/cpus the usable CPUs (each
# parallel slot of compat/lib/job is pinned to one of them).
prepare_sides() {
	local work=$1 ref=$2 impl=$3 side dir
	gcc -O2 -static -Wall -o "$work/probe" "$here/lib/probe.c" || die "cannot build the probe"
	for side in ref impl; do
		mkdir -p "$work/bin-$side" "$work/$side"
		[ $side = ref ] && dir=$ref || dir=$impl
		install_tool "$dir/unshare" "$work/bin-$side/unshare"
		install_tool "$dir/nsenter" "$work/bin-$side/nsenter"
		cp "$work/probe" "$work/bin-$side/probe"
	done
	cp "$work/bin-ref/unshare" "$work/bin-impl/ref-unshare"
	cp "$work/bin-ref/unshare" "$work/bin-ref/ref-unshare"
	taskset -cp $$ | sed 's/.*: //' | tr ',' '\n' |
		awk -F- '{ for (c = $1; c <= ($2 == "" ? $1 : $2); c++) printf "%d ", c }' >"$work/cpus"
}

# What is compared of an output: a path before `unshare:`/`nsenter:` (argv[0]), the
# util-linux version, /proc/<pid>/ and bash's job PIDs are normalised.
normalise() {
	sed -E -e 's#^[^ :]*/(unshare|nsenter):#\1:#' \
		-e 's/(from util-linux )[0-9][0-9a-z.-]*/\1VERSION/' \
		-e 's#/proc/[0-9]+(/|\b)#/proc/PID\1#g' \
		-e 's#^[^ ]*/driver: line [0-9]+: +[0-9]+ +#bash: PID #' \
		-e 's/^(.*line [0-9]+: +)[0-9]+ /\1PID /' "$1"
}

# outcome WORK SIDE INDEX: the normalised text compared for one run of a case.
outcome() {
	local r=$1/$2/$3
	echo "exit: $(<"$r.rc")"
	[ -s "$r.log" ] && { echo "--- sandbox"; cat "$r.log"; }
	echo "--- stdout"
	normalise "$r.out"
	echo "--- stderr"
	normalise "$r.err"
}
