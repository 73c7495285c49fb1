/* eslint-disable no-script-url -- hostile links are the input under test */
import { MarkdownContent } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { UserContentBoundary, UserLink, UserMarkdown } from './UserContent';

// the Markdown renderer loads lazily; give it time on a busy machine
const LOADED = { timeout: 10_000 };

function Thrower(): JSX.Element {
  throw new Error('broken text');
}

describe('UserMarkdown', () => {
  it('explains the crash: GFM MarkdownContent parses raw HTML, and an image inside <svg> gets children React refuses', async () => {
    await renderInTestApp(
      <>
        <p>page</p>
        <UserContentBoundary>
          <MarkdownContent content="<svg> ![i](x) text" />
        </UserContentBoundary>
      </>,
    );
    expect(
      await screen.findByText(
        'Could not display this text.',
        undefined,
        LOADED,
      ),
    ).toBeInTheDocument();
  });

  it('shows raw HTML as text and never loads images', async () => {
    await renderInTestApp(
      <UserMarkdown
        content={'<svg> ![i](x) text\n\n<img src=x onerror=alert(1)>'}
      />,
    );
    expect(
      await screen.findByText(/<svg>/, undefined, LOADED),
    ).toHaveTextContent('<svg> text');
    expect(
      screen.getByText('<img src=x onerror=alert(1)>'),
    ).toBeInTheDocument();
    const images = document.querySelectorAll('img');
    expect(images).toHaveLength(1);
    expect(images[0]).toHaveAttribute('alt', 'i');
    expect(images[0].getAttribute('src')).toBe('');
  });

  it('makes links of http(s) URLs only, the rest plain text', async () => {
    await renderInTestApp(
      <UserMarkdown content="[safe](https://example.com/a) [script](javascript:alert(1)) [relative](/catalog) [mail](mailto:a@example.com)" />,
    );
    expect(
      await screen.findByRole('link', { name: /safe/ }, LOADED),
    ).toHaveAttribute('href', 'https://example.com/a');
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(screen.getByText(/script relative mail/)).toBeInTheDocument();
  });

  it('makes links of the configured schemes', async () => {
    await renderInTestApp(
      <UserMarkdown content="[mail](mailto:a@example.com)" />,
      {
        config: {
          releaseCoordination: {
            links: { allowedSchemes: ['https', 'mailto'] },
          },
        },
      },
    );
    expect(
      await screen.findByRole('link', { name: /mail/ }, LOADED),
    ).toHaveAttribute('href', 'mailto:a@example.com');
  });
});

describe('UserContentBoundary', () => {
  it('shows a short note instead of text that fails to render, and nothing else breaks', async () => {
    await renderInTestApp(
      <>
        <p>rest of the page</p>
        <UserContentBoundary>
          <Thrower />
        </UserContentBoundary>
      </>,
    );
    expect(
      await screen.findByText('Could not display this text.'),
    ).toBeInTheDocument();
    expect(screen.getByText('rest of the page')).toBeInTheDocument();
  });
});

describe('UserLink', () => {
  it('is a link for http(s) URLs and text for anything else', async () => {
    await renderInTestApp(
      <>
        <UserLink href="https://example.com/pr/1">Fine</UserLink>
        <UserLink href="javascript:alert(1)">Script</UserLink>
        <UserLink href={'\u0001https://example.com'}>Junk</UserLink>
      </>,
    );
    expect(await screen.findByRole('link', { name: /Fine/ })).toHaveAttribute(
      'href',
      'https://example.com/pr/1',
    );
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(screen.getByText('Script')).toHaveAttribute(
      'title',
      'javascript:alert(1)',
    );
    expect(screen.getByText('Junk')).toBeInTheDocument();
  });
});

describe('UserMarkdown nesting', () => {
  it('shows quotes and lists nested too deeply as plain text', async () => {
    const lists = Array.from(
      { length: 500 },
      (_, depth) => `${'  '.repeat(depth)}- level ${depth}`,
    ).join('\n');
    await renderInTestApp(
      <>
        <UserMarkdown content={`${'> '.repeat(5000)}deep quote`} />
        <UserMarkdown content={lists} />
        <UserMarkdown content={`${'> '.repeat(3)}shallow quote`} />
      </>,
    );
    expect(await screen.findByText(/deep quote$/)).toBeInTheDocument();
    expect(screen.getByText(/level 499$/)).toBeInTheDocument();
    expect(
      await screen.findByText('shallow quote', undefined, LOADED),
    ).toBeInTheDocument();
    expect(document.querySelectorAll('blockquote')).toHaveLength(3);
  });
});
