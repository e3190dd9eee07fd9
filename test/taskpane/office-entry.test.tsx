/** @jest-environment jsdom */
/**
 * The entry point against a stand-in `Office` global: it waits for onReady, reads the host, the
 * language and the theme, checks the requirement sets and starts the right pane.
 */
import { act, screen } from '@testing-library/react';
import { readOfficeEnvironment } from '../../src/taskpane/office-context';
import { FakeWorkbookHost } from './fake-host';

const mockMissing = jest.fn((_host: 'excel' | 'word'): string[] => []);
const mockHost = new FakeWorkbookHost([]);
jest.mock('../../src/office/requirements', () => ({ missingRequirements: (host: 'excel' | 'word') => mockMissing(host) }));
jest.mock('../../src/office/excel/host', () => ({ createExcelHost: () => mockHost }));

// The stand-in's HostType values are these strings; the enum type is only in the typings.
const EXCEL = 'Excel' as unknown as Office.HostType;
const WORD = 'Word' as unknown as Office.HostType;

type ReadyCallback = (info: { host: string | null }) => void;

function fakeOffice(context: Record<string, unknown>, host: string | null): { ready: () => void } {
  let callback: ReadyCallback | undefined;
  Object.assign(globalThis, {
    Office: {
      HostType: { Excel: 'Excel', Word: 'Word' },
      context,
      onReady: (cb: ReadyCallback) => {
        callback = cb;
        return Promise.resolve({ host });
      },
    },
  });
  return { ready: () => callback?.({ host }) };
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
  document.body.innerHTML = '';
  mockMissing.mockReset();
  mockMissing.mockReturnValue([]);
});

describe('readOfficeEnvironment', () => {
  test('host, language and dark theme from isDarkTheme', () => {
    fakeOffice({ displayLanguage: 'zh-CN', officeTheme: { isDarkTheme: true, bodyBackgroundColor: '#ffffff' } }, 'Excel');
    expect(readOfficeEnvironment({ host: EXCEL })).toEqual({
      host: 'excel',
      displayLanguage: 'zh-CN',
      dark: true,
      colours: { bodyBackground: '#ffffff', bodyForeground: undefined, controlBackground: undefined, controlForeground: undefined },
      oldWebview: false,
      missingSets: [],
    });
    expect(mockMissing).toHaveBeenCalledWith('excel');
  });

  test('dark theme from the background colour when Office does not say', () => {
    fakeOffice({ displayLanguage: 'en-US', officeTheme: { bodyBackgroundColor: '#262626' } }, 'Word');
    expect(readOfficeEnvironment({ host: WORD })).toMatchObject({ host: 'word', dark: true });
    fakeOffice({ displayLanguage: 'en-US', officeTheme: { bodyBackgroundColor: '#FFFFFF' } }, 'Word');
    expect(readOfficeEnvironment({ host: WORD }).dark).toBe(false);
  });

  test('no theme, no host: light, "other", nothing checked', () => {
    fakeOffice({}, null);
    expect(readOfficeEnvironment({ host: null })).toMatchObject({ host: 'other', dark: false, missingSets: [] });
    expect(mockMissing).not.toHaveBeenCalled();
  });

  test('a requirements API that throws counts as missing', () => {
    fakeOffice({ displayLanguage: 'zh-CN' }, 'Excel');
    mockMissing.mockImplementation(() => {
      throw new Error('requirements is undefined');
    });
    expect(readOfficeEnvironment({ host: EXCEL }).missingSets).toEqual(['ExcelApi']);
  });
});

test('index.tsx starts the pane only once Office is ready', async () => {
  document.body.innerHTML = '<div id="root"></div>';
  const office = fakeOffice({ displayLanguage: 'en-US', officeTheme: { isDarkTheme: false } }, 'Excel');
  mockMissing.mockReturnValue(['ExcelApi 1.13']);
  // Imported here, after the stand-in exists (once per file: the module registers on import).
  await import('../../src/taskpane/index');
  expect(document.getElementById('root')?.textContent).toBe('');
  await act(async () => office.ready());
  expect(screen.getByText('This version of Office is too old: it lacks features the assistant needs.')).toBeTruthy();
  expect(screen.getByText('For technical support: missing ExcelApi 1.13')).toBeTruthy();
});
