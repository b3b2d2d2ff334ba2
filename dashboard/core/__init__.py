"""The core: the columns, dates, reading, validation, safe files, the store, the data set and the control rule. It knows no screen, no colour and no English sentence for a reader."""
