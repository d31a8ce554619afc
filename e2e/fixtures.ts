import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** The studio as a user sees it: what they click, type and drop. */
export class StudioPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByTestId('backend-status')).toContainText('Using', { timeout: 60_000 });
  }

  async dropFile(name: string, text: string): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, text }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'text/csv' }));
        return dt;
      },
      { name, text },
    );
    await this.page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  }

  async upload(name: string, content: string | Buffer): Promise<void> {
    await this.page.getByLabel('Upload data').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });
  }

  /** The error banner: the alert that can be dismissed (a settings field's own alert cannot). */
  get banner(): Locator {
    return this.page.getByRole('alert').filter({ has: this.page.getByRole('button', { name: 'Dismiss message' }) });
  }

  /** Closes the error banner if it shows, so that the next message seen is a new one. */
  async dismissMessage(): Promise<void> {
    if (await this.banner.count()) await this.banner.getByRole('button', { name: 'Dismiss message' }).click();
    await expect(this.banner).toHaveCount(0);
  }

  async chooseBackend(value: 'webgpu' | 'webgl' | 'wasm' | 'cpu'): Promise<void> {
    await this.page.getByLabel('Backend').selectOption(value);
    await expect(this.page.getByTestId('backend-status')).toContainText(`Using ${value}`, { timeout: 60_000 });
  }

  /**
   * A model small enough to train in seconds on SwiftShader, for `epochs` epochs; `long` also
   * unticks early stopping, for runs a test stops or reloads midway.
   */
  async useTinyModel(epochs: number, long = false): Promise<void> {
    await this.page.getByText('Advanced').click();
    const set = async (label: string, value: string) => {
      const input = this.page.getByLabel(label, { exact: true });
      await input.fill(value);
      await input.blur();
    };
    await set('Batch size', '20');
    await set('Pack size (PacGAN)', '2');
    await set('Noise dimension', '8');
    await set('Generator layers', '16');
    await set('Discriminator layers', '16');
    await set('Epochs', String(epochs));
    if (long) await this.page.getByLabel('Stop early when the held-back rows stop improving').uncheck();
  }

  /** Opens the page on `backend`, uploads a table and trains a tiny model for `epochs` epochs. */
  async trainTinyOn(name: string, csv: string, rows: number, epochs: number, backend: 'wasm' | 'webgpu' = 'wasm'): Promise<void> {
    await this.open();
    await this.chooseBackend(backend);
    await this.upload(name, csv);
    await expect(this.page.getByTestId('loaded-summary')).toContainText(`${name}: ${rows.toLocaleString('en-US')} rows`);
    await this.useTinyModel(epochs);
    await this.trainToEnd();
  }

  async trainToEnd(): Promise<void> {
    await this.page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(this.page.getByRole('button', { name: 'Generate' })).toBeVisible({ timeout: 200_000 });
  }

  async generate(rows: number): Promise<void> {
    await this.page.getByLabel('Rows', { exact: true }).fill(String(rows));
    await this.page.getByRole('button', { name: 'Generate' }).click();
    await expect(this.page.getByTestId('generated-summary')).toContainText(`${rows.toLocaleString('en-US')} rows generated`, { timeout: 120_000 });
  }

  /**
   * Clicks a download button and returns the file. A download the quality report warns about
   * asks first, in the page: the question is answered Download anyway and returned as `asked`.
   */
  async download(label: 'Download CSV' | 'Download JSON' | 'Download Parquet' | 'Download report' | 'Download report (JSON)'): Promise<{ name: string; bytes: Buffer; asked?: string }> {
    const downloading = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: label, exact: true }).click();
    const question = this.page.getByRole('alertdialog');
    const first = await Promise.race([downloading.then(() => 'download' as const), question.waitFor().then(() => 'question' as const, () => 'download' as const)]);
    let asked: string | undefined;
    if (first === 'question') {
      asked = (await question.textContent()) ?? '';
      await question.getByRole('button', { name: 'Download anyway' }).click();
    }
    const download = await downloading;
    return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!), asked };
  }
}

/** Every test gets the studio, and fails if the page asked any origin but its own for anything. */
export const test = base.extend<{ studio: StudioPage }>({
  studio: async ({ page, baseURL }, use) => {
    const foreign: string[] = [];
    const origin = new URL(baseURL!).origin;
    page.on('request', (request) => {
      const url = request.url();
      if (!/^(data|blob):/.test(url) && new URL(url).origin !== origin) foreign.push(url);
    });
    await use(new StudioPage(page));
    expect(foreign, 'requests to other origins').toEqual([]);
  },
});

export { expect };
