# nsutils: build, regenerate the generated files, install, package.
#
#   make                      build the release binary (cargo build --release): static, see
#                             .cargo/config.toml
#   make generate             rewrite man/*.1 and completion/bash/* from the option tables
#   make install              install the binary as unshare with nsenter a link to it, the man
#                             pages and bash completion
#   make uninstall            remove what install installed
#   make deb                  build the Debian package target/debian/nsutils_<version>_amd64.deb
#   make test                 every test: cargo test, the fuzzer (seed 1), the fault-injection
#                             sample, the Debian package in a Debian root, the differential
#                             suite (as root), then the checks that were skipped (CI=true: none
#                             may be)
#
# install honours PREFIX (default /usr/local) and DESTDIR (staging root for packages), the
# directory variables below, and LINK (default `ln -f`, a hard link; LINK='ln -s' for a
# symbolic one). It runs cargo first, every time, so a source change is rebuilt.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
CARGO ?= cargo
INSTALL ?= install
LINK ?= ln -f
TARGET_DIR ?= $(or $(CARGO_TARGET_DIR),target)

TOOLS = unshare nsenter
# The one binary (cargo builds it under both names; either serves as both tools).
BINARY = $(TARGET_DIR)/release/unshare

.PHONY: all generate install uninstall deb test

all:
	$(CARGO) build --release

# The staleness test rewrites every generated file when NSUTILS_REGENERATE=1.
generate:
	NSUTILS_REGENERATE=1 $(CARGO) test --test generated -- generated_files_are_current

install: all
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(BASHCOMPDIR)'
	$(INSTALL) -m 755 '$(BINARY)' '$(DESTDIR)$(BINDIR)/unshare'
	rm -f '$(DESTDIR)$(BINDIR)/nsenter'
	cd '$(DESTDIR)$(BINDIR)' && $(LINK) unshare nsenter
	for t in $(TOOLS); do \
		$(INSTALL) -m 644 man/$$t.1 '$(DESTDIR)$(MANDIR)/man1/'$$t.1 && \
		$(INSTALL) -m 644 completion/bash/$$t '$(DESTDIR)$(BASHCOMPDIR)/'$$t || exit 1; \
	done

deb: all
	pkg/deb/build '$(BINARY)' '$(TARGET_DIR)/debian'

# Unit and integration tests, a fixed-seed run of the differential fuzzer, the fault-injection
# suite's fixed sample, the package in a Debian root, the differential suite against
# util-linux 2.42.4, then the line naming every check that could not run here (a missing
# tool: tests/support's skip(), `tests/skipped add`); under CI=true a skipped check fails the
# run.
export NSUTILS_SKIPPED ?= $(abspath $(or $(CARGO_TARGET_DIR),target))/tmp/nsutils-skipped
test:
	rm -f '$(NSUTILS_SKIPPED)'
	$(CARGO) test
	compat/fuzz --seed 1 --count 200 -j 2
	compat/faults
	pkg/deb/test
	compat/run
	@tests/skipped

uninstall:
	for t in $(TOOLS); do \
		rm -f '$(DESTDIR)$(BINDIR)/'$$t '$(DESTDIR)$(MANDIR)/man1/'$$t.1 \
			'$(DESTDIR)$(BASHCOMPDIR)/'$$t; \
	done
