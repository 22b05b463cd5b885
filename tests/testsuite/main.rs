//! One integration-test binary: each module runs the real `casebook` binary on fixture
//! casebooks copied to a temporary folder, with the environment pinned, and snapshots
//! stdout, stderr and the exit code together.

mod support;

mod anonymise;
mod check_deadlines;
mod ci_files;
mod ci_privacy;
mod concurrency;
mod crash_safety;
mod fail_closed;
mod help;
mod init_new;
mod leak_check;
mod limits;
pub mod log;
mod mistakes;
mod no_leaks;
pub mod referral_form;
mod reliability;
mod render_docx;
pub mod render_report;
mod rules;
mod status_calendar;
mod timeline;
mod validate;
