module cerfadesk

go 1.26
