"""What front ends show: the text answer, the batch record, the HTML cards."""
