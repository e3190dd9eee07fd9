#!/usr/bin/env node
/**
 * `npm start` and `npm run stop` sideload into desktop Office through office-addin-debugging,
 * which exists for Windows and macOS only: elsewhere it downloads for a minute and then fails
 * without a word. Stop before that, and say what to do instead.
 */
'use strict';
if (!/^(win32|darwin)$/.test(process.platform)) {
  console.error(
    '旁加载到桌面版 Office（npm start / npm run stop）只能在 Windows 或 macOS 上进行；其他系统请运行 npm run dev-server，再在网页版 Excel 中上传 manifest.xml。' +
      ' / Sideloading into desktop Office (npm start / npm run stop) works on Windows or macOS only; elsewhere run npm run dev-server and upload manifest.xml in Excel on the web.',
  );
  process.exit(1);
}
