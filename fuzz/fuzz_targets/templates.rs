//! User templates rendered in casebook's sandbox: errors, never panics or hangs (fuel).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let env = casebook::templates::environment(None);
    let ctx = minijinja::context! { case => minijinja::context! { id => "T-1", title => "t" }, items => vec![1, 2, 3] };
    let _ = env.render_str(source, ctx);
});
