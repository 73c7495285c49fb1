import { Link, MarkdownContent } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  DEFAULT_LINK_SCHEMES,
  LINK_SCHEMES_CONFIG_KEY,
  safeLink,
} from '@internal/plugin-release-coordination-common';
import { Component, ReactNode } from 'react';

/**
 * The URL schemes user-supplied links may have
 * (`releaseCoordination.links.allowedSchemes`, http and https by default).
 */
export function useLinkSchemes(): readonly string[] {
  const config = useApi(configApiRef);
  return (
    config.getOptionalStringArray(LINK_SCHEMES_CONFIG_KEY) ??
    DEFAULT_LINK_SCHEMES
  );
}

/**
 * Shows "Could not display this text." instead of its children when they
 * throw while rendering, so one stored text cannot take a page down.
 */
export class UserContentBoundary extends Component<
  { children: ReactNode },
  { failed: boolean }
> {
  static getDerivedStateFromError() {
    return { failed: true };
  }

  state = { failed: false };

  render() {
    return this.state.failed ? (
      <Typography variant="body2" color="textSecondary" role="note">
        Could not display this text.
      </Typography>
    ) : (
      this.props.children
    );
  }
}

// long unbroken words wrap instead of widening the page
const useStyles = makeStyles({
  text: { overflowWrap: 'anywhere' },
  plain: { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
});

/** Deepest nesting of quotes and lists rendered as Markdown. */
const MAX_MARKDOWN_NESTING = 20;

const CONTAINER_MARKER = /[ \t]*(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]))/y;

/**
 * Whether quotes and lists nest deeper than {@link MAX_MARKDOWN_NESTING} on
 * some line, counting the quote and list markers that open it and, on list
 * lines, every two columns of indentation (a nested list's indentation).
 * Such Markdown takes the renderer seconds and then overflows its stack.
 */
function nestsTooDeeply(content: string): boolean {
  return content.split('\n').some(line => {
    let markers = 0;
    CONTAINER_MARKER.lastIndex = 0;
    while (CONTAINER_MARKER.test(line)) {
      markers += 1;
      if (markers > MAX_MARKDOWN_NESTING) return true;
    }
    const indent = /^[ \t]*/.exec(line)![0].length;
    return markers > 0 && markers + indent / 2 > MAX_MARKDOWN_NESTING;
  });
}

/**
 * Markdown a user wrote (descriptions, rollback plans), rendered so that no
 * input can break the page: raw HTML is shown as text instead of being parsed
 * (CommonMark without the GFM extensions, whose renderer parses raw HTML:
 * `<svg> ![i](x)` put an image inside an SVG element, which gave it children
 * and made React throw), links are links only with an allowed scheme and
 * plain text otherwise, images are never loaded, quotes and lists nested too
 * deeply are shown as plain text, and anything else that fails to render
 * shows a short note instead.
 */
export function UserMarkdown(props: { content: string }) {
  const classes = useStyles();
  const schemes = useLinkSchemes();
  return (
    <UserContentBoundary key={props.content}>
      {nestsTooDeeply(props.content) ? (
        <Typography variant="body2" className={classes.plain}>
          {props.content}
        </Typography>
      ) : (
        <MarkdownContent
          content={props.content}
          className={classes.text}
          dialect="common-mark"
          transformLinkUri={href => safeLink(href, schemes) ?? ''}
          transformImageUri={() => ''}
        />
      )}
    </UserContentBoundary>
  );
}

/**
 * A link a user supplied: a link when its scheme is allowed, else its text
 * alone (links stored before they were checked, such as `javascript:` ones).
 */
export function UserLink(props: { href: string; children: ReactNode }) {
  const link = safeLink(props.href, useLinkSchemes());
  return link ? (
    <Link to={link}>{props.children}</Link>
  ) : (
    <span title={props.href}>{props.children}</span>
  );
}
