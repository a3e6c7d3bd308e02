"""Reading files a user names, without trusting them: bounded reads, Word packages
checked before python-docx sees them, PDFs through a bounded pdftotext, and record
files read into blocks for the (pure) importer.
"""
