//! `nsenter`: the tool is chosen by argv[0], so this binary also serves as `unshare`.
fn main() {
    std::process::exit(nsutils::multicall_main())
}
