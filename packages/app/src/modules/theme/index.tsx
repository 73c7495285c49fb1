import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import {
  createUnifiedTheme,
  palettes,
  UnifiedThemeProvider,
} from '@backstage/theme';
import DarkIcon from '@material-ui/icons/Brightness2';
import LightIcon from '@material-ui/icons/WbSunny';

/**
 * Secondary text dark enough for WCAG 2.1 AA (5.6:1) on Backstage UI's app
 * background (`--bui-bg-app`, #f5f5f5). Material UI's default,
 * `rgba(0, 0, 0, 0.54)`, gives #717171 there: 4.47:1, below the 4.5:1 that
 * body text needs, on every page label, caption and hint of the portal.
 */
const SECONDARY_TEXT = 'rgba(0, 0, 0, 0.62)';

/**
 * Material UI's default secondary colour (#f50057), which Backstage's light
 * theme keeps: 4.2:1 against white, so white text on "not ready" or
 * "failed" chips and pink text buttons fall below 4.5:1. This darker pink
 * (Material's pink A700) gives 5.8:1.
 */
const SECONDARY_MAIN = '#c51162';

/**
 * Material UI's default error colour (#f44336) gives 3.4:1 on the app
 * background, so "overdue" deadlines written in it were hard to read. Red 800
 * gives 5.2:1.
 */
const ERROR_MAIN = '#c62828';

/** Backstage's light theme with readable secondary text, secondary and error colours. */
export const accessibleLightTheme = createUnifiedTheme({
  palette: {
    ...palettes.light,
    secondary: { main: SECONDARY_MAIN },
    error: { main: ERROR_MAIN },
    text: {
      primary: 'rgba(0, 0, 0, 0.87)',
      secondary: SECONDARY_TEXT,
      disabled: 'rgba(0, 0, 0, 0.38)',
      hint: 'rgba(0, 0, 0, 0.38)',
    },
  },
});

/**
 * Material UI's default error colour in the dark theme (#f44336) gives 3.4:1
 * on the dark background (#333333), so "overdue" deadlines and failed checks
 * were hard to read there too. Red 200 gives 5.8:1 on the background and
 * 4.7:1 on cards (#424242).
 */
const DARK_ERROR_MAIN = '#ef9a9a';

/** Backstage's dark theme with a readable error colour. */
export const accessibleDarkTheme = createUnifiedTheme({
  palette: { ...palettes.dark, error: { main: DARK_ERROR_MAIN } },
});

/**
 * Replaces the app's light and dark themes with {@link accessibleLightTheme}
 * and {@link accessibleDarkTheme}.
 */
export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    ThemeBlueprint.make({
      name: 'light',
      params: {
        theme: {
          id: 'light',
          title: 'Light Theme',
          variant: 'light',
          icon: <LightIcon />,
          Provider: ({ children }) => (
            <UnifiedThemeProvider theme={accessibleLightTheme}>
              {children}
            </UnifiedThemeProvider>
          ),
        },
      },
    }),
    ThemeBlueprint.make({
      name: 'dark',
      params: {
        theme: {
          id: 'dark',
          title: 'Dark Theme',
          variant: 'dark',
          icon: <DarkIcon />,
          Provider: ({ children }) => (
            <UnifiedThemeProvider theme={accessibleDarkTheme}>
              {children}
            </UnifiedThemeProvider>
          ),
        },
      },
    }),
  ],
});
