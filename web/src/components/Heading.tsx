import { useEffect, useRef, type ReactNode } from "react";

interface Props {
  level?: 1 | 2;
  children: ReactNode;
  /** Move focus here when this heading appears: the start of a new page or step. A step that
   * replaces another in the same place needs its own `key`, so that its heading appears anew. */
  focusOnMount?: boolean;
  id?: string;
}

const STYLES = { 1: "text-3xl font-bold sm:text-4xl", 2: "text-2xl font-bold" } as const;

export function Heading({ level = 1, children, focusOnMount = false, id }: Props) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  const Tag = level === 1 ? "h1" : "h2";
  return (
    <Tag ref={ref} id={id} tabIndex={-1} className={`mb-4 text-gray-900 focus:outline-none ${STYLES[level]}`}>
      {children}
    </Tag>
  );
}
