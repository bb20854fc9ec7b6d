/** Staff log in with their e-mail and password; what the API refuses is said, and what was typed stays. */
import { useState, type FormEvent } from "react";
import { Button } from "../../../components/Button";
import { ErrorSummary, type SummaryItem } from "../../../components/ErrorSummary";
import { TextField } from "../../../components/Field";
import { errorSentence, fieldErrors } from "../../../lib/error-messages";

type Field = "email" | "password";
type Problems = Partial<Record<Field, string>>;

const FIELD_IDS: Record<Field, string> = { email: "staff-email", password: "staff-password" };

export function loginProblems({ email, password }: { email: string; password: string }): Problems {
  const problems: Problems = {};
  if (!email.trim()) problems.email = "Enter your e-mail address";
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) problems.email = "Enter an e-mail address in the correct format, like name@example.com";
  if (!password) problems.password = "Enter your password";
  return problems;
}

interface Props {
  onLogIn: (email: string, password: string) => Promise<unknown>;
  /** The e-mail of the person whose session ended, so that only the password needs typing. */
  initialEmail?: string;
}

export function LoginForm({ onLogIn, initialEmail = "" }: Props) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const [problems, setProblems] = useState<Problems>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = loginProblems({ email, password });
    setProblems(found);
    setRefusal(null);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length) return;
    setSending(true);
    try {
      await onLogIn(email.trim(), password);
    } catch (error) {
      const fields = fieldErrors(error);
      setProblems("email" in fields ? { email: "Enter an e-mail address in the correct format, like name@example.com" } : {});
      setRefusal("email" in fields ? null : errorSentence(error));
      setAttempt((n) => n + 1);
    } finally {
      setSending(false);
    }
  };

  const items: SummaryItem[] = (Object.keys(problems) as Field[]).map((field) => ({
    fieldId: FIELD_IDS[field],
    message: problems[field]!,
  }));

  return (
    <form noValidate onSubmit={submit} className="max-w-md">
      {(items.length > 0 || refusal) && <ErrorSummary items={items} description={refusal ?? undefined} focusKey={attempt} />}
      <TextField
        id={FIELD_IDS.email}
        label="E-mail address"
        type="email"
        autoComplete="username"
        spellCheck={false}
        value={email}
        error={problems.email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        id={FIELD_IDS.password}
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        error={problems.password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <Button type="submit" disabled={sending}>
        {sending ? "Logging in…" : "Log in"}
      </Button>
    </form>
  );
}
