// One log line commented out and one kept: the console is named in code too, so the file is evaluated and the
// line that still runs is reported.
export function traceLogin(user: { id: string; email: string }): void {
  // quiet [console] the commented-out line logs nothing
  // console.log('login', user);
  // expect: mt/personal-data-in-logs email [console] the kept line logs the address
  console.info('login', user.email);
}
