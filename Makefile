# nsutils: build, regenerate the generated files, install.
#
#   make                      build the release binaries (cargo build --release)
#   make generate             rewrite man/*.1 and completion/bash/* from the option tables
#   make install              install binaries, man pages and bash completion
#   make uninstall            remove what install installed
#   make install-static       install the one static binary as unshare, linked as nsenter
#   make test                 every test: cargo test, the fuzzer (seed 1), the fault-injection sample,
#                             the differential suite (as root)
#
# install honours PREFIX (default /usr/local) and DESTDIR (staging root for packages), and
# the directory variables below. It installs target/release/{unshare,nsenter}, building them
# first if they are missing.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
CARGO ?= cargo
INSTALL ?= install

TOOLS = unshare nsenter
BINARIES = $(TOOLS:%=target/release/%)

.PHONY: all generate install install-static uninstall test

all:
	$(CARGO) build --release

$(BINARIES) &:
	$(CARGO) build --release

# The staleness test rewrites every generated file when NSUTILS_REGENERATE=1.
generate:
	NSUTILS_REGENERATE=1 $(CARGO) test --test generated -- generated_files_are_current

install: $(BINARIES)
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(BASHCOMPDIR)'
	for t in $(TOOLS); do \
		$(INSTALL) -m 755 target/release/$$t '$(DESTDIR)$(BINDIR)/'$$t && \
		$(INSTALL) -m 644 man/$$t.1 '$(DESTDIR)$(MANDIR)/man1/'$$t.1 && \
		$(INSTALL) -m 644 completion/bash/$$t '$(DESTDIR)$(BASHCOMPDIR)/'$$t || exit 1; \
	done

# For images: one static binary under both names (LINK='ln -s' for a symbolic link).
LINK ?= ln -f
install-static:
	bin=$$(compat/build-static) && \
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MANDIR)/man1' '$(DESTDIR)$(BASHCOMPDIR)' && \
	$(INSTALL) -m 755 "$$bin" '$(DESTDIR)$(BINDIR)/unshare' && \
	rm -f '$(DESTDIR)$(BINDIR)/nsenter' && \
	cd '$(DESTDIR)$(BINDIR)' && $(LINK) unshare nsenter
	for t in $(TOOLS); do \
		$(INSTALL) -m 644 man/$$t.1 '$(DESTDIR)$(MANDIR)/man1/'$$t.1 && \
		$(INSTALL) -m 644 completion/bash/$$t '$(DESTDIR)$(BASHCOMPDIR)/'$$t || exit 1; \
	done

# Unit and integration tests, a fixed-seed run of the differential fuzzer, the fault-injection
# suite's fixed sample, then the differential suite against util-linux 2.42.4 (whose last line
# sums everything up).
test:
	$(CARGO) test
	compat/fuzz --seed 1 --count 200 -j 2
	compat/faults
	compat/run

uninstall:
	for t in $(TOOLS); do \
		rm -f '$(DESTDIR)$(BINDIR)/'$$t '$(DESTDIR)$(MANDIR)/man1/'$$t.1 \
			'$(DESTDIR)$(BASHCOMPDIR)/'$$t; \
	done
