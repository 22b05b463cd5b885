//! One integration-test binary: each module runs the real `casebook` binary on fixture
//! casebooks copied to a temporary folder, with the environment pinned, and snapshots
//! stdout, stderr and the exit code together.

mod support;

mod anonymise;
mod check_deadlines;
mod ci_privacy;
mod concurrency;
mod crash_safety;
mod help;
mod init_new;
mod leak_check;
mod limits;
pub mod log;
mod no_leaks;
mod reliability;
mod render_report;
mod status_calendar;
mod timeline;
mod validate;
