// Whether a form's controls differ from what they were drawn with: the DOM keeps each control's
// initial state (defaultValue, defaultChecked, defaultSelected, which React sets from the
// default* props), so nothing has to be copied into state to know what changed.

/** Whether any control of the form now differs from its initial value. */
export function formHasChanges(form: HTMLFormElement): boolean {
  for (const el of Array.from(form.elements)) {
    if (el instanceof HTMLInputElement) {
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked !== el.defaultChecked) return true;
      } else if (el.type !== "hidden" && el.type !== "submit" && el.type !== "button" && el.value !== el.defaultValue)
        return true;
    } else if (el instanceof HTMLTextAreaElement) {
      if (el.value !== el.defaultValue) return true;
    } else if (el instanceof HTMLSelectElement) {
      const options = Array.from(el.options);
      // A select drawn without any default shows its first option: that is its initial value.
      const initial = options.some((o) => o.defaultSelected) ? options.map((o) => o.defaultSelected) : null;
      if (initial ? options.some((o, i) => o.selected !== initial[i]) : el.selectedIndex > 0) return true;
    }
  }
  return false;
}
