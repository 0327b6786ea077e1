"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { notify } from "@/components/ui/notify";
import { useUnsavedChangesWarning } from "@/components/ui/use-unsaved-changes-warning";

// The configuration wizard saves with one Save for the page: each connection card registers how to
// save itself and says when it has changes; the bar saves the cards that need it, one after the
// other (each connection is its own credential), says the outcome once, and warns before the page
// is left with changes unsaved.

type Card = {
  label: string;
  /** Saves the card; true when it saved (a refusal is shown at the card's fields). */
  save: () => Promise<boolean>;
  /** Saved at least once: a card never saved is saved by Save even unchanged (its defaults). */
  configured: boolean;
};

type Wizard = {
  register: (key: string, card: Card) => () => void;
  setChanged: (key: string, changed: boolean) => void;
  saveAll: () => Promise<void>;
  saving: boolean;
};

const WizardContext = createContext<Wizard | null>(null);

/** The wizard a card belongs to, or null (the designer's preview, which saves nothing). */
export function useWizard(): Wizard | null {
  return useContext(WizardContext);
}

const listOf = (labels: string[]) =>
  labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;

/** The instance's connection cards with one Save for all of them. */
export function WizardSave({
  children,
  connections,
}: {
  children: ReactNode;
  /** The cards, in the page's order: their keys and labels. */
  connections: { key: string; label: string }[];
}) {
  const cards = useRef(new Map<string, Card>());
  const [changed, setChangedKeys] = useState<ReadonlySet<string>>(new Set());
  const [saving, setSaving] = useState(false);

  const register = useCallback((key: string, card: Card) => {
    cards.current.set(key, card);
    return () => {
      cards.current.delete(key);
    };
  }, []);
  const setChanged = useCallback((key: string, isChanged: boolean) => {
    setChangedKeys((prev) => {
      if (prev.has(key) === isChanged) return prev;
      const next = new Set(prev);
      if (isChanged) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  const saveAll = useCallback(async () => {
    const due = connections
      .map((c) => c.key)
      .filter((k) => changed.has(k) || cards.current.get(k)?.configured === false);
    if (due.length === 0) {
      notify.success("Nothing to save: no changes");
      return;
    }
    setSaving(true);
    try {
      const saved: string[] = [];
      let refused = false;
      for (const key of due) {
        const card = cards.current.get(key);
        if (!card) continue;
        if (await card.save()) saved.push(card.label);
        else refused = true;
      }
      // A refusal is at its fields (focused there); the toast says only what did save.
      if (saved.length > 0 && !refused) notify.success(`Saved ${listOf(saved)}`);
      else if (saved.length > 0) notify.warning(`Saved ${listOf(saved)}; the rest needs attention at its fields`);
    } finally {
      setSaving(false);
    }
  }, [changed, connections]);

  const changedLabels = connections.filter((c) => changed.has(c.key)).map((c) => c.label);
  const pending = changedLabels.length > 0 ? `Unsaved changes in ${listOf(changedLabels)}.` : null;
  useUnsavedChangesWarning(pending);
  const value = useMemo(() => ({ register, setChanged, saveAll, saving }), [register, setChanged, saveAll, saving]);

  return (
    <WizardContext.Provider value={value}>
      {children}
      <div
        role="region"
        aria-label="Save the configuration"
        className="sticky bottom-4 z-10 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-white px-5 py-3 shadow-md ring-1 ring-slate-200"
      >
        <p className="text-sm text-slate-600" data-testid="wizard-changes" aria-live="polite">
          {pending ?? "No unsaved changes."}
        </p>
        <Button pending={saving} onClick={() => void saveAll()}>
          Save
        </Button>
      </div>
    </WizardContext.Provider>
  );
}
