// The scan's progress line on standard error (files done of total, rate), redrawn in place on a terminal
// and never written anywhere else.
export class Progress {
  private last = 0;
  private readonly started = Date.now();
  private shown = false;

  constructor(private readonly total: number, private readonly stream: NodeJS.WriteStream | undefined) {}

  /** Whether a progress line is drawn: standard error is a terminal. */
  static enabled(stream: NodeJS.WriteStream = process.stderr): boolean {
    return !!stream.isTTY;
  }

  update(done: number): void {
    if (!this.stream) return;
    const now = Date.now();
    if (done < this.total && now - this.last < 100) return;
    this.last = now;
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const pct = this.total ? Math.floor((done / this.total) * 100) : 100;
    this.stream.write(`\r\x1b[2Kmt-pii: ${done}/${this.total} files (${pct}%, ${rate} files/s)`);
    this.shown = true;
  }

  /** Clears the line, so what follows starts on a clean line. */
  end(): void {
    if (this.shown) this.stream!.write('\r\x1b[2K');
    this.shown = false;
  }
}
