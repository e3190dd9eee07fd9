/**
 * 生成自评报告 in Excel: the report is built in the pane and handed to the user the way the
 * platform allows. The pane loads this module lazily (it brings the docx package with it).
 *
 * How the report reaches the user, and why:
 *
 * 1. Excel on the web → a download of the .docx (Blob + object URL + <a download>). The pane is an
 *    iframe in an ordinary browser tab, so the browser's own download works; its clipboard does
 *    not, because Office's iframe lacks the clipboard-write permission ("The Clipboard API has been
 *    blocked because of a permissions policy", OfficeDev/office-js#1991, #3480).
 *
 * 2. Desktop (Windows, Mac, iPad) → the report on the clipboard as formatted HTML, to paste into a
 *    new Word document with its headings and table. Office gives an add-in no save-file API, and
 *    desktop webviews do not reliably download blobs: WKWebView on the Mac ignores them (office-js
 *    #2700, closed "by design"; #4681 and #6468, still open), and a dialog page does not help there
 *    either (office-js#3, #3848, #6317). The clipboard does work in the desktop webviews (office-js
 *    #1991: "clipboard access works perfectly when the Add-In is loaded in the Desktop
 *    applications"; tmustier/pi-for-excel#500 moved its downloads to the clipboard for the same
 *    reason). Word keeps inline styles on paste, so renderHtml's fonts, indents and table borders
 *    survive. The HTML is built synchronously and copied before anything slow, because a webview
 *    allows clipboard writes only shortly after the user's click.
 *
 * 3. Clipboard refused (the click's activation expired while the report code loaded, the pane lost
 *    focus, or an old webview) → a dialog page (displayDialogAsync, DialogApi 1.1) shows the report
 *    with a 复制全文 button: its click is fresh, so the copy succeeds there, and the report stays
 *    selectable by hand in any case. On Windows, where WebView2 does download blobs (office-js
 *    #2700, #4681: "works on Windows (both Web and Desktop)"), the dialog also offers the .docx.
 *
 * Every route returns a ReportDelivery whose message says where the report went.
 */
import type { ExcelReportService, ReportDelivery } from '../app/report-service';
import type { Evaluation } from '../engine/evaluation';
import { buildReport } from '../engine/report/build';
import type { ReportSettings } from '../engine/report/model';
import { officeDeliveryEdge, type ReportDeliveryEdge, type ReportPlatform } from '../office/delivery';
import { HostError } from '../app/ports';
import { renderHtml } from '../render/html';
import { renderReportDocx } from '../render/report';
import { renderText } from '../render/text';
import { bytesToBase64 } from './base64';
import { copied, downloaded, inDialog, pasteKey } from './delivery-messages';
import { reportFileName } from './file-name';

/** Only Windows' webview (WebView2) saves a downloaded blob; elsewhere the button would do nothing. */
const dialogOffersDownload = (platform: ReportPlatform) => platform === 'windows';

export function createExcelReportService(edge: ReportDeliveryEdge = officeDeliveryEdge()): ExcelReportService {
  return {
    async deliverReport(evaluation: Evaluation, settings: ReportSettings): Promise<ReportDelivery> {
      const fileName = reportFileName(evaluation, settings);
      const platform = edge.platform();
      if (platform === 'web') {
        edge.download(await renderReportDocx(evaluation, settings), fileName);
        return downloaded(fileName);
      }

      const model = buildReport(evaluation, settings);
      const html = renderHtml(model);
      const text = renderText(model);
      if (await edge.copyHtml({ html, text })) return copied(platform);

      const offersDownload = dialogOffersDownload(platform);
      const docxBase64 = offersDownload ? bytesToBase64(await renderReportDocx(evaluation, settings)) : undefined;
      try {
        await edge.openDialog({ html, text, fileName, docxBase64, pasteKey: pasteKey(platform) });
      } catch (error) {
        // Both routes failed: say so, then why the second one did.
        const reason = error instanceof HostError ? error : undefined;
        throw new HostError(
          reason?.code ?? 'unknown',
          `自评报告未能复制到剪贴板，报告窗口也未能打开：${reason?.message ?? String(error)}`,
          `The report could not be copied to the clipboard, and the report window did not open: ${reason?.messageEn ?? String(error)}`,
        );
      }
      return inDialog(fileName, platform, offersDownload);
    },
  };
}
