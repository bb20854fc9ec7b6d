/**
 * The GOV.UK error summary: at the top of the form, it takes focus, is announced, and links to
 * each field in error (alphagov/govuk-frontend components/error-summary).
 */
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";

export interface SummaryItem {
  fieldId: string;
  message: string;
}

interface Props {
  items?: SummaryItem[];
  description?: string;
  /** Changes whenever the errors are shown anew (each submit), so focus moves here again. */
  focusKey: unknown;
  /** Unique on the page, when a page has more than one form with its own summary. */
  id?: string;
  /** More to read under the description (a refused series' dates). */
  children?: ReactNode;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  // Scroll the field's label (or legend) into view too, as govuk-frontend does.
  const label = document.querySelector(`label[for="${fieldId}"]`) ?? field.closest("fieldset")?.querySelector("legend");
  (label ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}

export function ErrorSummary({ items = [], description, focusKey, id = "error-summary", children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [focusKey]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      className="mb-6 rounded border-4 border-red-700 bg-white p-4 focus:outline-3 focus:outline-offset-2 focus:outline-amber-400"
    >
      <div role="alert">
        <h2 id={`${id}-title`} className="mb-2 text-xl font-bold text-gray-900">
          There is a problem
        </h2>
        {description && <p className="mb-2 text-gray-900">{description}</p>}
        {items.length > 0 && (
          <ul className="list-none space-y-1">
            {items.map((item) => (
              <li key={item.fieldId}>
                <a
                  href={`#${item.fieldId}`}
                  onClick={(event) => focusField(event, item.fieldId)}
                  className="font-semibold text-red-700 underline hover:text-red-800"
                >
                  {item.message}
                </a>
              </li>
            ))}
          </ul>
        )}
        {children}
      </div>
    </div>
  );
}
