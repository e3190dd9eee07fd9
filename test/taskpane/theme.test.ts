import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { paneTheme } from '../../src/taskpane/theme';

describe('the pane in the Office theme', () => {
  test("Office's colours replace the page and text colours of Fluent's theme", () => {
    const theme = paneTheme(false, { bodyBackground: '#F3F3F3', bodyForeground: '262626', controlBackground: '#FFFFFF', controlForeground: '#444444' });
    expect(theme.colorNeutralBackground1).toBe('#F3F3F3');
    expect(theme.colorNeutralForeground1).toBe('#262626');
    expect(theme.colorNeutralBackground3).toBe('#FFFFFF');
    expect(theme.colorNeutralForeground3).toBe('#444444');
    expect(theme.colorBrandBackground).toBe(webLightTheme.colorBrandBackground);
  });

  test('dark Office starts from the dark theme; colours Office does not give, or gives malformed, stay Fluent’s', () => {
    const theme = paneTheme(true, { bodyBackground: '#262626', bodyForeground: 'white' });
    expect(theme.colorNeutralBackground1).toBe('#262626');
    expect(theme.colorNeutralForeground1).toBe(webDarkTheme.colorNeutralForeground1);
    expect(paneTheme(true)).toEqual(webDarkTheme);
  });

  test('colours that contradict the dark or light theme are not used', () => {
    expect(paneTheme(true, { bodyBackground: '#FFFFFF', bodyForeground: '#000000' })).toEqual(webDarkTheme);
    expect(paneTheme(false, { bodyBackground: '#1F1F1F', bodyForeground: '#FFFFFF' })).toEqual(webLightTheme);
  });
});
